package io.callgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** callgate: a self-hosted caller-authentication server that speaks Twilio Verify v2. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CallgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallgateApplication.class, args);
    }
}
