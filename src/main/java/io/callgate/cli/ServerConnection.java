package io.callgate.cli;

import io.callgate.system.ServerSecrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the admin API is and the credentials for it: options first, then {@code CALLGATE_ACCOUNT_SID}
 * and {@code CALLGATE_AUTH_TOKEN}, then the secrets file a server on this machine created.
 */
final class ServerConnection {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "callgate's base URL (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--account-sid", paramLabel = "AC…", description = "Account SID (else CALLGATE_ACCOUNT_SID, else the secrets file).")
    String accountSid;

    @Option(names = "--auth-token", paramLabel = "TOKEN",
            description = "Auth token (else CALLGATE_AUTH_TOKEN, else the secrets file). Prefer the variable: options show in the process list.")
    String authToken;

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "The server's secrets file (default: CALLGATE_SECRETS_FILE or ./data/callgate-secrets.properties).")
    Path secretsFile;

    record Credentials(String accountSid, String authToken) {
    }

    /** The credentials from the first source that has both; a clear error when none has. */
    Credentials credentials(Terminal terminal) {
        String sid = firstNonBlank(accountSid, terminal.env().get("CALLGATE_ACCOUNT_SID"));
        String token = firstNonBlank(authToken, terminal.env().get("CALLGATE_AUTH_TOKEN"));
        if (sid != null && token != null) {
            return new Credentials(sid, token);
        }
        Path file = secretsFile != null ? secretsFile
                : Path.of(firstNonBlank(terminal.env().get("CALLGATE_SECRETS_FILE"), "./data/callgate-secrets.properties"));
        if (Files.isReadable(file)) {
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the secrets file " + file + ": " + e.getMessage(), e);
            }
            sid = firstNonBlank(sid, stored.getProperty(ServerSecrets.ACCOUNT_SID_KEY));
            token = firstNonBlank(token, stored.getProperty(ServerSecrets.AUTH_TOKEN_KEY));
        }
        if (sid == null || token == null) {
            throw new IllegalStateException("no credentials: pass --account-sid and --auth-token, set CALLGATE_ACCOUNT_SID"
                    + " and CALLGATE_AUTH_TOKEN, or run where the server keeps " + file);
        }
        return new Credentials(sid, token);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }
}
