package io.callgate.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.api.TwilioApi;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local directory's accounts over JSON, behind the API credentials (/admin/*). PINs go in,
 * never out; errors use the API's error body.
 */
@TwilioApi
@RestController
@RequestMapping("/admin/accounts")
class AccountsController {

    private final Accounts accounts;
    private final AccountImport importer;
    private final IvrLogin login;

    AccountsController(Accounts accounts, AccountImport importer, IvrLogin login) {
        this.accounts = accounts;
        this.importer = importer;
        this.login = login;
    }

    record AccountView(@JsonProperty("account_number") String accountNumber,
                       @JsonProperty("display_name") String displayName, String phone, String email,
                       Map<String, String> attributes,
                       @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated) {

        static AccountView of(Accounts.Stored stored) {
            Account a = stored.account();
            return new AccountView(a.number(), a.displayName(), a.phone(), a.email(), a.attributes(),
                    Iso.format(stored.dateCreated()), Iso.format(stored.dateUpdated()));
        }
    }

    record AccountForm(@JsonProperty("account_number") String accountNumber,
                       @JsonProperty("display_name") String displayName, String phone, String email, String pin,
                       Map<String, String> attributes) {
    }

    @GetMapping
    Map<String, List<AccountView>> list() {
        return Map.of("accounts", accounts.list().stream().map(AccountView::of).toList());
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<AccountView> create(@RequestBody AccountForm form) {
        if (form.accountNumber() == null) {
            throw ApiException.missingParameter("account_number");
        }
        if (form.pin() == null) {
            throw ApiException.missingParameter("pin");
        }
        Account account = new Account(form.accountNumber(), form.displayName(), form.phone(), form.email(), form.attributes());
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(accounts.create(account, form.pin())));
    }

    @GetMapping("/{number}")
    AccountView get(@PathVariable String number) {
        return AccountView.of(accounts.find(number).orElseThrow(() -> notFound(number)));
    }

    @PutMapping(path = "/{number}", consumes = "application/json")
    AccountView update(@PathVariable String number, @RequestBody AccountForm form) {
        requireNumber(number);
        if (form.accountNumber() != null && !form.accountNumber().equals(number)) {
            throw ApiException.invalidParameter("account_number");
        }
        return AccountView.of(accounts.update(number,
                new Accounts.Change(form.displayName(), form.phone(), form.email(), form.pin(), form.attributes())));
    }

    @DeleteMapping("/{number}")
    ResponseEntity<Void> delete(@PathVariable String number) {
        requireNumber(number);
        accounts.delete(number);
        login.unlock(number);
        return ResponseEntity.noContent().build();
    }

    /** Lifts a lockout and forgets the account's failed PINs, after the person's identity was confirmed another way. */
    @PostMapping("/{number}/unlock")
    ResponseEntity<Void> unlock(@PathVariable String number) {
        requireNumber(number);
        login.unlock(number);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    Map<String, Integer> importCsv(@RequestBody String csv) {
        AccountImport.Result result = importer.load(new StringReader(csv));
        return Map.of("created", result.created(), "updated", result.updated());
    }

    private static void requireNumber(String number) {
        if (!PinPolicy.ACCOUNT_NUMBER.matcher(number).matches()) {
            throw notFound(number);
        }
    }

    private static ApiException notFound(String number) {
        boolean plausible = PinPolicy.ACCOUNT_NUMBER.matcher(number).matches();
        return Accounts.notFound(plausible ? number : "{number}");
    }
}
