package io.callgate.directory;

import io.callgate.api.ApiException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads accounts from CSV with the header {@code account,name,pin,phone,email} (phone and email
 * may be empty). All rows are checked before any is written, and all are written in one
 * transaction: a bad file changes nothing. Existing accounts get the file's name, contacts and PIN
 * (their attributes stay). PINs are hashed before the transaction, several at a time.
 */
@Component
public class AccountImport {

    public static final int MAX_ROWS = 10_000;
    private static final List<String> HEADER = List.of("account", "name", "pin", "phone", "email");

    /** How many accounts the file created and how many it replaced. */
    public record Result(int created, int updated) {
    }

    private record Row(Account account, String pin) {
    }

    private final Accounts accounts;
    private final PinHasher hasher;
    private final TransactionTemplate transactions;

    AccountImport(Accounts accounts, PinHasher hasher, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.transactions = transactions;
    }

    public Result load(Reader csv) {
        List<Row> rows = parse(csv);
        List<String> hashes = hashAll(rows);
        try {
            return transactions.execute(tx -> {
                int created = 0;
                for (int i = 0; i < rows.size(); i++) {
                    created += accounts.importHashed(rows.get(i).account(), hashes.get(i)) ? 1 : 0;
                }
                return new Result(created, rows.size() - created);
            });
        } catch (DuplicateKeyException raced) {
            throw new ApiException(HttpStatus.CONFLICT, 20409,
                    "Import refused: an account of the file was created meanwhile; nothing was changed, import again");
        }
    }

    /** Hashes on virtual threads; {@link PinHasher} bounds how many run at once. */
    private List<String> hashAll(List<Row> rows) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> hashes = new ArrayList<>();
            for (Row row : rows) {
                hashes.add(threads.submit(() -> hasher.hash(row.pin())));
            }
            List<String> done = new ArrayList<>();
            for (Future<String> hash : hashes) {
                done.add(hash.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing imported PINs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing an imported PIN failed", e.getCause());
        }
    }

    private static List<Row> parse(Reader csv) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try (var parser = format.parse(csv)) {
            if (!parser.getHeaderNames().stream().map(String::strip).toList().equals(HEADER)) {
                throw refused("the header must be account,name,pin,phone,email");
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (rows.size() == MAX_ROWS) {
                    throw refused("more than " + MAX_ROWS + " rows");
                }
                if (record.size() != HEADER.size()) {
                    throw refused("line " + line + " has " + record.size() + " fields, not 5");
                }
                Account account;
                try {
                    account = AccountRules.normalised(new Account(record.get("account"), record.get("name"),
                            record.get("phone"), record.get("email"), Map.of()));
                    PinPolicy.requireAcceptable(record.get("pin"), account.number());
                } catch (ApiException e) {
                    throw refused("line " + line + ": " + e.getMessage());
                }
                if (!seen.add(account.number())) {
                    throw refused("line " + line + " repeats account " + account.number());
                }
                rows.add(new Row(account, record.get("pin")));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw refused("the file is not valid CSV");
        }
        return rows;
    }

    private static ApiException refused(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, 60200, "Import refused: " + why);
    }
}
