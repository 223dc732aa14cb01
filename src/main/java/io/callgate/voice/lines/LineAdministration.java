package io.callgate.voice.lines;

import io.callgate.api.ApiException;
import io.callgate.verify.VerifyProperties;
import io.callgate.verify.VerifyService;
import io.callgate.verify.VerifyServices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating, replacing, importing and deleting lines. A {@code verified} line that names no Verify service gets one
 * of its own, named after the line, so its text messages say which line the code is for.
 */
@Component
class LineAdministration {

    private static final Logger log = LoggerFactory.getLogger(LineAdministration.class);

    /** What saving a line did. */
    record Saved(ConferenceLine line, boolean created) {
    }

    private final ConferenceLines lines;
    private final LineDefinitions definitions;
    private final VerifyServices services;
    private final VerifyProperties verifyProperties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LineAdministration(ConferenceLines lines, LineDefinitions definitions, VerifyServices services,
                       VerifyProperties verifyProperties, TransactionTemplate transactions, Clock clock) {
        this.lines = lines;
        this.definitions = definitions;
        this.services = services;
        this.verifyProperties = verifyProperties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new line; 409 when the path is taken. */
    Saved create(LineDefinition definition) {
        if (definition != null && definition.path() != null && lines.find(definition.path()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, 20409, "A line with path " + definition.path() + " already exists");
        }
        return saveAll(List.of(definition)).getFirst();
    }

    /** Creates the line or replaces the one with the same path. */
    Saved put(LineDefinition definition) {
        return saveAll(List.of(definition)).getFirst();
    }

    /**
     * Creates or replaces every line, all or none: every definition is checked before anything is stored, and the
     * lines are stored in one transaction.
     */
    List<Saved> saveAll(List<LineDefinition> given) {
        Instant now = clock.instant();
        List<ConferenceLine> checked = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            LineDefinition definition = given.get(i);
            ConferenceLine line;
            try {
                line = definitions.toLine(definition,
                        definition == null || definition.path() == null ? Optional.empty() : lines.find(definition.path()), now);
            } catch (ApiException e) {
                throw given.size() == 1 ? e : new ApiException(e.status(), e.code(), "lines[" + i + "]: " + e.getMessage());
            }
            if (!paths.add(line.path())) {
                throw LineDefinitions.invalid("lines[" + i + "].path", "a path no other line in the import has");
            }
            if (line.verifyService() != null && services.find(line.verifyService()).isEmpty()) {
                throw LineDefinitions.invalid(given.size() == 1 ? "verifyService" : "lines[" + i + "].verifyService",
                        "the sid of an existing Verify service");
            }
            checked.add(line);
        }
        List<Saved> saved = transactions.execute(tx -> {
            List<Saved> done = new ArrayList<>();
            for (ConferenceLine line : checked) {
                ConferenceLine complete = withOwnService(line, now);
                done.add(new Saved(complete, lines.save(complete)));
            }
            return done;
        });
        saved.forEach(s -> log.info("line {} {} ({}, {} members)", s.line().path(), s.created() ? "created" : "replaced",
                s.line().mode().wireName(), s.line().members().size()));
        return saved;
    }

    boolean delete(String path) {
        boolean deleted = lines.delete(path);
        if (deleted) {
            log.info("line {} deleted", path);
        }
        return deleted;
    }

    private ConferenceLine withOwnService(ConferenceLine line, Instant now) {
        if (line.mode() != LineMode.VERIFIED || line.verifyService() != null) {
            return line;
        }
        VerifyService service = VerifyService.named(line.name(), verifyProperties.codeValidity(), true, now);
        services.insert(service);
        return new ConferenceLine(line.path(), line.name(), line.conference(), line.mode(), line.carrier(), service.sid(),
                line.members(), line.prompts(), line.maxParticipants(), line.beep(), line.mutedOnEntry(), line.waitUrl(),
                line.waitForModerator(), line.passcodeHash(), line.retries(), line.maxFailuresPerHour(),
                line.dateCreated(), line.dateUpdated());
    }
}
