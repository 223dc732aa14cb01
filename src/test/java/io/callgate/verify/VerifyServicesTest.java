package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Services are kept in memory for a short while: what this node changes shows at once, what another node
 * changes (here: the table, changed behind the node's back) within the time to live.
 */
class VerifyServicesTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private final DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcClient db = JdbcClient.create(database);
    private final AtomicLong nanos = new AtomicLong();
    private final VerifyServices services;

    VerifyServicesTest() {
        Flyway.configure().dataSource(database).load().migrate();
        services = new VerifyServices(db, TTL, nanos::get);
    }

    @Test
    void anotherNodesChangeShowsOnceTheTimeToLiveIsOver() {
        services.insert(service("VA00000000000000000000000000000001", "Before"));
        assertThat(services.find("VA00000000000000000000000000000001")).get().extracting(VerifyService::friendlyName)
                .isEqualTo("Before");

        db.sql("update verify_service set friendly_name = 'After' where sid = 'VA00000000000000000000000000000001'").update();
        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(services.find("VA00000000000000000000000000000001")).get().extracting(VerifyService::friendlyName)
                .isEqualTo("Before");
        nanos.addAndGet(1);
        assertThat(services.find("VA00000000000000000000000000000001")).get().extracting(VerifyService::friendlyName)
                .isEqualTo("After");

        db.sql("delete from verify_service where sid = 'VA00000000000000000000000000000001'").update();
        nanos.addAndGet(TTL.toNanos());
        assertThat(services.find("VA00000000000000000000000000000001")).isEmpty();
        assertThat(services.exists("VA00000000000000000000000000000001")).isFalse();
    }

    @Test
    void thisNodesChangesShowAtOnce() {
        services.insert(service("VA00000000000000000000000000000002", "First"));
        assertThat(services.find("VA00000000000000000000000000000002")).isPresent();

        services.update(service("VA00000000000000000000000000000002", "Second"));
        assertThat(services.find("VA00000000000000000000000000000002")).get().extracting(VerifyService::friendlyName)
                .isEqualTo("Second");

        assertThat(services.delete("VA00000000000000000000000000000002")).isTrue();
        assertThat(services.find("VA00000000000000000000000000000002")).isEmpty();
    }

    @Test
    void anUnknownSidIsAskedForAgainEveryTime() {
        assertThat(services.find("VA00000000000000000000000000000003")).isEmpty();
        // Created by another node a moment later: no remembered absence hides it.
        new VerifyServices(db, TTL, nanos::get).insert(service("VA00000000000000000000000000000003", "Elsewhere"));
        assertThat(services.find("VA00000000000000000000000000000003")).isPresent();
    }

    private static VerifyService service(String sid, String name) {
        Instant created = Instant.parse("2026-11-21T09:00:00Z");
        return new VerifyService(sid, name, 6, false, false, true, null, false, false, false, false, null,
                Duration.ofMinutes(10), Set.of(), created, created);
    }
}
