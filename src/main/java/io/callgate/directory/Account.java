package io.callgate.directory;

import java.util.Map;

/**
 * A person who can log in to an IVR: the account number they type, the name they are greeted by,
 * their contact points, and free attributes (passed on to menu endpoints). Never holds a PIN.
 */
public record Account(String number, String displayName, String phone, String email, Map<String, String> attributes) {

    public Account {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
