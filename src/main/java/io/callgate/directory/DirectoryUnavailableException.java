package io.callgate.directory;

/** The directory could not give an answer (provider down, bad configuration); the attempt still counts, as the PIN was not proven. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
