package io.callgate.directory;

import java.util.Optional;

/**
 * Checks an account number and PIN against wherever accounts live (the local directory or an
 * identity provider). Lockouts and caller caps are {@link IvrLogin}'s job, not the directory's.
 */
public interface AccountDirectory {

    /**
     * The account when the number exists and the PIN is its PIN; empty otherwise, with no hint of
     * which part was wrong and, where the directory controls it, in the same time.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked (network, provider error)
     */
    Optional<Account> authenticate(String accountNumber, String pin);
}
