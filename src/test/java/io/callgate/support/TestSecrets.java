package io.callgate.support;

import io.callgate.system.ServerSecrets;
import java.lang.reflect.Constructor;
import java.nio.file.Path;

/** Real {@link ServerSecrets} for unit tests, without a Spring context or a secrets file. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** The secrets of a server configured with the test credentials and {@code base64Key} as its secret key. */
    public static ServerSecrets withKey(String base64Key) {
        try {
            // Package-private: only Spring builds it in the application. With every value configured, no file is read.
            Constructor<ServerSecrets> constructor =
                    ServerSecrets.class.getDeclaredConstructor(String.class, String.class, String.class, Path.class);
            constructor.setAccessible(true);
            return constructor.newInstance(base64Key, TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN,
                    Path.of("unused-secrets.properties"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
