package io.callgate.voice.ivr;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * IVR lines ({@code callgate.voice.ivr.<name>.*}); each answers at {@code /voice/ivr/<name>}.
 *
 * @param ivr the lines by name (letters, digits, {@code -} and {@code _})
 */
@ConfigurationProperties("callgate.voice")
public record IvrProperties(@DefaultValue Map<String, Line> ivr) {

    /**
     * One IVR line.
     *
     * @param carrier the carrier whose token signs this line's webhooks; empty for the default carrier
     * @param voice the {@code Say} voice ({@code man}, {@code woman}, {@code Polly.*}, …); empty for the carrier's default
     * @param language the {@code Say} language, such as {@code en-US}; empty for the carrier's default
     * @param maxTries account-number-and-PIN tries per call
     * @param failurePause seconds of silence before every refusal, the same whatever the reason
     * @param prompts the words of each step
     * @param menu the options by key (one digit), said in key order
     * @param menuTimeout how long a menu endpoint may take before its fallback text is said
     */
    public record Line(
            @DefaultValue("") String carrier,
            @DefaultValue("") String voice,
            @DefaultValue("") String language,
            @DefaultValue("3") int maxTries,
            @DefaultValue("2") int failurePause,
            @DefaultValue Prompts prompts,
            Map<String, Option> menu,
            @DefaultValue("5s") Duration menuTimeout) {

        /** The configured menu, or the default one: 1 balance, 2 payments, 9 exit. */
        public Map<String, Option> options() {
            if (menu != null && !menu.isEmpty()) {
                return new java.util.TreeMap<>(menu);
            }
            Map<String, Option> defaults = new LinkedHashMap<>();
            defaults.put("1", new Option("For your balance, press 1.", "Your balance is not available by phone yet.",
                    null, "", false, ""));
            defaults.put("2", new Option("For payments, press 2.", "Payments are not available by phone yet.",
                    null, "", false, ""));
            defaults.put("9", new Option("To end the call, press 9.", null, null, "", true, ""));
            return defaults;
        }
    }

    /**
     * What a line says. {@code {name}} in the greeting is replaced by the account's display name.
     */
    public record Prompts(
            @DefaultValue("Welcome.") String welcome,
            @DefaultValue("Please enter your account number, then press pound.") String accountNumber,
            @DefaultValue("Please enter your PIN, then press pound.") String pin,
            @DefaultValue("That account number is not valid. Account numbers have up to 10 digits.") String badAccountNumber,
            @DefaultValue("We could not verify that account number and PIN.") String refused,
            @DefaultValue("We did not receive any input.") String noInput,
            @DefaultValue("Too many attempts. Goodbye.") String tooManyTries,
            @DefaultValue("Welcome, {name}.") String greeting,
            @DefaultValue("That is not a valid choice.") String invalidChoice,
            @DefaultValue("That service is not available right now.") String unavailable,
            @DefaultValue("Goodbye.") String goodbye) {
    }

    /**
     * A menu option.
     *
     * @param label what the menu says for it ("For your balance, press 1.")
     * @param text what it says when chosen, when no URL is set (and when the URL fails, if set)
     * @param url an HTTP endpoint that receives the authenticated account as JSON and answers the words to say
     * @param authorization an {@code Authorization} header value sent to the URL (a bearer token), if any
     * @param exit whether choosing it ends the call
     * @param transfer a callgate voice webhook path the call moves to, such as a contact-center line
     *                 ({@code /voice/contact-center/support}); the caller arrives there logged in
     */
    public record Option(String label, String text, URI url, @DefaultValue("") String authorization,
                         @DefaultValue("false") boolean exit, @DefaultValue("") String transfer) {
    }
}
