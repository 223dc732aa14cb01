package io.callgate.session;

/** Something a caller proved during a call. */
public enum Factor {
    /** The caller ID belongs to a known person (weak alone: caller IDs can be spoofed). */
    CALLER_ID,
    /** A one-time code sent to the person's registered phone or email was typed back. */
    OTP,
    /** A personal PIN was typed. */
    PIN,
    /** An account number and its PIN were accepted by the directory. */
    ACCOUNT,
    /** A contact-center agent read back a code the caller received. */
    AGENT_READBACK
}
