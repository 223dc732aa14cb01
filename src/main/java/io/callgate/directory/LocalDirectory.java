package io.callgate.directory;

import java.util.Optional;

/**
 * Accounts from the local table. An unknown number is checked against a dummy hash, so it costs
 * one Argon2id like a wrong PIN; a hash made with older parameters is replaced at a good login.
 */
class LocalDirectory implements AccountDirectory {

    private final Accounts accounts;
    private final PinHasher hasher;

    LocalDirectory(Accounts accounts, PinHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    @Override
    public Optional<Account> authenticate(String accountNumber, String pin) {
        boolean wellFormed = accountNumber != null && PinPolicy.ACCOUNT_NUMBER.matcher(accountNumber).matches();
        String hash = wellFormed ? accounts.pinHash(accountNumber) : null;
        if (!hasher.verify(pin, hash)) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash)) {
            accounts.setPinHash(accountNumber, hasher.hash(pin));
        }
        return accounts.find(accountNumber).map(Accounts.Stored::account);
    }
}
