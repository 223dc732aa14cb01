package io.callgate.agent;

import io.callgate.system.Sids;
import io.callgate.verify.VerifyProperties;
import io.callgate.verify.VerifyService;
import io.callgate.verify.VerifyServices;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Verify service the console's codes belong to (its name is what the caller's SMS says),
 * created by whichever node first needs it; the others read the one it stored.
 */
@Component
class ConsoleService {

    static final String FRIENDLY_NAME = "Customer service";

    private final JdbcClient db;
    private final VerifyServices services;
    private final VerifyProperties verify;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile String sid;

    ConsoleService(JdbcClient db, VerifyServices services, VerifyProperties verify, TransactionTemplate transactions,
                   Clock clock) {
        this.db = db;
        this.services = services;
        this.verify = verify;
        this.transactions = transactions;
        this.clock = clock;
    }

    VerifyService get() {
        if (sid == null) {
            sid = stored();
        }
        return services.find(sid).orElseThrow(() -> new IllegalStateException("the console's Verify service " + sid
                + " was deleted; delete the agent_console row to have a new one created"));
    }

    private String stored() {
        String existing = read();
        if (existing != null) {
            return existing;
        }
        try {
            return transactions.execute(status -> {
                Instant now = clock.instant();
                VerifyService service = new VerifyService(Sids.next("VA"), FRIENDLY_NAME, VerifyService.DEFAULT_CODE_LENGTH,
                        false, false, true, null, false, false, false, false, null, verify.codeValidity(), Set.of(),
                        now, now);
                db.sql("insert into agent_console (id, verify_service) values (1, ?)").param(service.sid()).update();
                services.insert(service);
                return service.sid();
            });
        } catch (DuplicateKeyException raced) {
            return read();
        }
    }

    private String read() {
        return db.sql("select verify_service from agent_console where id = 1").query(String.class).optional().orElse(null);
    }
}
