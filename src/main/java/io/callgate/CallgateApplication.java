package io.callgate;

import io.callgate.cli.CallgateCommand;
import io.callgate.cli.Terminal;
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
        // The command-line tools talk to a server over HTTP; they never start one.
        if (CallgateCommand.isCommand(args)) {
            System.exit(CallgateCommand.run(args, Terminal.system()));
        }
        SpringApplication.run(CallgateApplication.class, args);
    }
}
