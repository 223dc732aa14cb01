package io.callgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Requests run on virtual threads and share a smaller connection pool. HikariCP before 7.1.0
 * handed a returned connection to a waiting thread by spinning on {@code Thread.yield()}, which
 * keeps a virtual thread on its carrier: under load the few carriers spun while runnable requests
 * waited (HikariCP #2398). Keep the pool at a version that parks instead.
 */
class ConnectionPoolTest {

    @Test
    void poolHandsConnectionsToVirtualThreadsWithoutSpinning() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = HikariDataSource.class.getResourceAsStream("/META-INF/maven/com.zaxxer/HikariCP/pom.properties")) {
            assertThat(in).as("HikariCP's pom.properties").isNotNull();
            pom.load(in);
        }
        assertThat(ModuleDescriptor.Version.parse(pom.getProperty("version")))
                .isGreaterThanOrEqualTo(ModuleDescriptor.Version.parse("7.1.0"));
    }
}
