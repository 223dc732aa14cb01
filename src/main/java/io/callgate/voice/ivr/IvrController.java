package io.callgate.voice.ivr;

import io.callgate.directory.Account;
import io.callgate.directory.IvrLogin;
import io.callgate.directory.PinPolicy;
import io.callgate.session.CallerSession;
import io.callgate.session.CallerSessions;
import io.callgate.session.Factor;
import io.callgate.voice.Twiml;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IVR call flow, one webhook per step, behind the carrier signature check of /voice/*:
 * <ol>
 *   <li>{@code /voice/ivr/{name}}: welcome, gather the account number (1–10 digits, {@code #});</li>
 *   <li>{@code …/account}: gather the PIN (4–8 digits, {@code #}); the number is kept in the caller session, not in a URL;</li>
 *   <li>{@code …/pin}: {@link IvrLogin}; a refusal, whatever its reason, is the same pause and the same words,
 *       then another try (3 per call by default); success greets the account by name;</li>
 *   <li>{@code …/menu} and {@code …/choice}: the menu loop, only for a call that logged in on this line.</li>
 * </ol>
 * The try and menu-round counters travel in the query string; carriers sign it, so a caller cannot change them.
 */
@RestController
@RequestMapping(path = "/voice/ivr/{name}", produces = Twiml.CONTENT_TYPE)
class IvrController {

    private static final Logger log = LoggerFactory.getLogger(IvrController.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_MENU_ROUNDS = 5;
    private static final int GATHER_TIMEOUT = 10;

    private final IvrProperties properties;
    private final IvrLogin login;
    private final CallerSessions sessions;
    private final IvrCalls calls;
    private final MenuAnswers answers;

    IvrController(IvrProperties properties, IvrLogin login, CallerSessions sessions, IvrCalls calls, MenuAnswers answers) {
        this.properties = properties;
        this.login = login;
        this.sessions = sessions;
        this.calls = calls;
        this.answers = answers;
    }

    /** One request's context: the line, its voice and the call. */
    private record Step(String name, IvrProperties.Line line, Twiml.Voice voice, String callSid, String from) {

        String path(String step, String counter, int value) {
            return "/voice/ivr/" + name + step + "?" + counter + "=" + value;
        }

        IvrProperties.Prompts prompts() {
            return line.prompts();
        }
    }

    @PostMapping
    ResponseEntity<String> start(@PathVariable String name, @RequestParam Map<String, String> params) {
        return answer(name, params, step -> {
            int attempt = counter(params.get("try"));
            Twiml twiml = Twiml.response();
            if (attempt > step.line().maxTries()) {
                return twiml.say(step.prompts().tooManyTries(), step.voice()).hangup();
            }
            if (attempt == 1) {
                twiml.say(step.prompts().welcome(), step.voice());
            }
            return twiml.gather(Twiml.gather().action(step.path("/account", "try", attempt)).finishOnKey("#")
                            .timeout(GATHER_TIMEOUT).say(step.prompts().accountNumber(), step.voice()))
                    .say(step.prompts().noInput(), step.voice())
                    .redirect(step.path("", "try", attempt + 1));
        });
    }

    @PostMapping("/account")
    ResponseEntity<String> accountNumber(@PathVariable String name, @RequestParam Map<String, String> params) {
        return answer(name, params, step -> {
            int attempt = counter(params.get("try"));
            String digits = params.getOrDefault("Digits", "");
            if (!PinPolicy.ACCOUNT_NUMBER.matcher(digits).matches()) {
                return Twiml.response().say(step.prompts().badAccountNumber(), step.voice())
                        .redirect(step.path("", "try", attempt + 1));
            }
            sessions.claim(step.callSid(), digits);
            return Twiml.response()
                    .gather(Twiml.gather().action(step.path("/pin", "try", attempt)).finishOnKey("#")
                            .timeout(GATHER_TIMEOUT).say(step.prompts().pin(), step.voice()))
                    .say(step.prompts().noInput(), step.voice())
                    .redirect(step.path("", "try", attempt + 1));
        });
    }

    @PostMapping("/pin")
    ResponseEntity<String> pin(@PathVariable String name, @RequestParam Map<String, String> params) {
        return answer(name, params, step -> {
            int attempt = counter(params.get("try"));
            String accountNumber = sessions.find(step.callSid()).map(CallerSession::claimedIdentity).orElse(null);
            IvrLogin.Outcome outcome = login.authenticate(accountNumber, params.getOrDefault("Digits", ""), step.from());
            if (outcome.accepted()) {
                Account account = outcome.account();
                calls.loggedIn(step.callSid(), step.name(), account);
                sessions.prove(step.callSid(), Factor.ACCOUNT);
                sessions.prove(step.callSid(), Factor.PIN);
                return Twiml.response()
                        .say(step.prompts().greeting().replace("{name}", account.displayName()), step.voice())
                        .redirect(step.path("/menu", "round", 1));
            }
            // The same silence and the same words for an unknown account, a wrong PIN, a lockout and a capped caller.
            Twiml twiml = Twiml.response().pause(Math.max(1, step.line().failurePause()))
                    .say(step.prompts().refused(), step.voice());
            return attempt >= step.line().maxTries()
                    ? twiml.say(step.prompts().tooManyTries(), step.voice()).hangup()
                    : twiml.redirect(step.path("", "try", attempt + 1));
        });
    }

    @PostMapping("/menu")
    ResponseEntity<String> menu(@PathVariable String name, @RequestParam Map<String, String> params) {
        return answer(name, params, step -> loggedIn(step).map(account -> {
            int round = counter(params.get("round"));
            if (round > MAX_MENU_ROUNDS) {
                return Twiml.response().say(step.prompts().goodbye(), step.voice()).hangup();
            }
            Twiml.Gather gather = Twiml.gather().action(step.path("/choice", "round", round)).numDigits(1)
                    .timeout(GATHER_TIMEOUT);
            step.line().options().values().forEach(option -> gather.say(option.label(), step.voice()));
            return Twiml.response().gather(gather).say(step.prompts().noInput(), step.voice())
                    .redirect(step.path("/menu", "round", round + 1));
        }).orElseGet(() -> goodbye(step)));
    }

    @PostMapping("/choice")
    ResponseEntity<String> choice(@PathVariable String name, @RequestParam Map<String, String> params) {
        return answer(name, params, step -> loggedIn(step).map(account -> {
            int round = counter(params.get("round"));
            String key = params.getOrDefault("Digits", "");
            IvrProperties.Option option = key.matches("[0-9*#]") ? step.line().options().get(key) : null;
            if (option == null) {
                return Twiml.response().say(step.prompts().invalidChoice(), step.voice())
                        .redirect(step.path("/menu", "round", round + 1));
            }
            if (option.exit()) {
                return Twiml.response().say(step.prompts().goodbye(), step.voice()).hangup();
            }
            if (!option.transfer().isBlank()) {
                return Twiml.response().redirect(option.transfer());
            }
            Duration timeout = step.line().menuTimeout();
            String words = answers.words(step.name(), key, option, account, timeout).orElse(step.prompts().unavailable());
            return Twiml.response().say(words, step.voice()).redirect(step.path("/menu", "round", 1));
        }).orElseGet(() -> goodbye(step)));
    }

    /** A server fault still answers TwiML, so the caller hears an apology rather than the carrier's error message. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> fault(RuntimeException e) {
        log.error("ivr step failed", e);
        return twiml(HttpStatus.OK, Twiml.response().say("Sorry, something went wrong. Goodbye.", Twiml.Voice.DEFAULT).hangup());
    }

    private Optional<Account> loggedIn(Step step) {
        Optional<Account> account = calls.account(step.callSid(), step.name());
        boolean proven = sessions.find(step.callSid()).map(s -> s.hasProven(Factor.ACCOUNT)).orElse(false);
        return proven ? account : Optional.empty();
    }

    private Twiml goodbye(Step step) {
        return Twiml.response().say(step.prompts().goodbye(), step.voice()).hangup();
    }

    private ResponseEntity<String> answer(String name, Map<String, String> params,
                                          java.util.function.Function<Step, Twiml> flow) {
        IvrProperties.Line line = NAME.matcher(name).matches() ? properties.ivr().get(name) : null;
        if (line == null) {
            return twiml(HttpStatus.NOT_FOUND, Twiml.response().say("This number is not in service. Goodbye.",
                    Twiml.Voice.DEFAULT).hangup());
        }
        Twiml.Voice voice = new Twiml.Voice(blankToNull(line.voice()), blankToNull(line.language()));
        String callSid = params.get("CallSid");
        if (callSid == null || callSid.isBlank() || callSid.length() > 128) {
            return twiml(HttpStatus.BAD_REQUEST, Twiml.response().say("Sorry, this call cannot be served. Goodbye.", voice).hangup());
        }
        String from = params.get("From");
        sessions.open(callSid, from, "/voice/ivr/" + name);
        return twiml(HttpStatus.OK, flow.apply(new Step(name, line, voice, callSid, from)));
    }

    private static ResponseEntity<String> twiml(HttpStatus status, Twiml twiml) {
        return ResponseEntity.status(status).header("Content-Type", Twiml.CONTENT_TYPE).body(twiml.toXml());
    }

    /** A try or round number from the query string; anything odd counts as the first. */
    private static int counter(String value) {
        if (value == null || !value.matches("[0-9]{1,2}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(value));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
