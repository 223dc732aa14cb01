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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads accounts from CSV with the header {@code account,name,pin,phone,email} (phone and email
 * may be empty). All rows are checked before any is written, and all are written in one
 * transaction: a bad file changes nothing. Existing accounts get the file's name, contacts and PIN.
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

    AccountImport(Accounts accounts) {
        this.accounts = accounts;
    }

    @Transactional
    public Result load(Reader csv) {
        List<Row> rows = parse(csv);
        int created = 0;
        int updated = 0;
        for (Row row : rows) {
            Account a = row.account();
            if (accounts.find(a.number()).isPresent()) {
                accounts.update(a.number(), new Accounts.Change(a.displayName(), a.phone() == null ? "" : a.phone(),
                        a.email() == null ? "" : a.email(), row.pin(), null));
                updated++;
            } else {
                accounts.create(a, row.pin());
                created++;
            }
        }
        return new Result(created, updated);
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
