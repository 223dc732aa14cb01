package io.callgate.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Counts and logs every refusal by a limit ({@code callgate.limit.hits}, tagged by limit). */
@Component
public class LimitHits {

    private static final Logger log = LoggerFactory.getLogger(LimitHits.class);

    private final MeterRegistry registry;

    LimitHits(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param subject already masked; never a raw phone number or address */
    public void hit(String limit, String subject) {
        registry.counter("callgate.limit.hits", "limit", limit).increment();
        log.info("limit {} reached for {}", limit, subject);
    }
}
