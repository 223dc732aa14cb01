package io.callgate.limits;

/** What the limits need to know of Verify services, without reading their tables. */
public interface ServiceDirectory {

    boolean exists(String serviceSid);
}
