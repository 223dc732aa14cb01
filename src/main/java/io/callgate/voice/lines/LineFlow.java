package io.callgate.voice.lines;

import io.callgate.api.ApiException;
import io.callgate.directory.PinHasher;
import io.callgate.session.CallerSessions;
import io.callgate.session.Factor;
import io.callgate.verify.Destination;
import io.callgate.verify.Verification;
import io.callgate.verify.VerificationStatus;
import io.callgate.verify.Verifications;
import io.callgate.verify.VerifyService;
import io.callgate.verify.VerifyServices;
import io.callgate.voice.Twiml;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a line says and does at each step of a call, by mode. Entries (passcode, PIN, code) are gathered by DTMF
 * ending in {@code #}; a wrong or unreadable entry is announced and asked again until the line's retries are used,
 * and every checked entry counts against the line's hourly failure cap ({@link LineFailures}).
 */
@Component
class LineFlow {

    private static final Logger log = LoggerFactory.getLogger(LineFlow.class);
    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,10}");
    private static final Pattern PASSCODE = Pattern.compile("[0-9]{1,12}");
    private static final int GATHER_TIMEOUT_SECONDS = 10;

    private final CallerSessions sessions;
    private final Verifications verifications;
    private final VerifyServices services;
    private final PinHasher hasher;
    private final LineFailures failures;

    LineFlow(CallerSessions sessions, Verifications verifications, VerifyServices services, PinHasher hasher,
             LineFailures failures) {
        this.sessions = sessions;
        this.verifications = verifications;
        this.services = services;
        this.hasher = hasher;
        this.failures = failures;
    }

    /** Every step first makes sure the call has its caller session (the first one creates it). */
    void open(ConferenceLine line, LineCall call) {
        sessions.open(call.sid(), call.callerIdForRecords(), line.path());
    }

    /** The call arrives. */
    Twiml answer(ConferenceLine line, LineCall call) {
        LinePrompts p = line.prompts();
        Twiml twiml = Twiml.response();
        return switch (line.mode()) {
            case OPEN -> join(twiml.say(p.welcome(), voice(p)), line, call, null);
            case PASSCODE -> ask(twiml.say(p.welcome(), voice(p)), line, call, "passcode", p.enterPasscode(), 0);
            case PIN -> ask(twiml.say(p.welcome(), voice(p)), line, call, "pin", p.enterPin(), 0);
            case ALLOWLIST -> knownCaller(line, call)
                    .map(member -> join(twiml.say(p.welcome(), voice(p)), line, call, member))
                    .orElseGet(() -> refuse(line, call));
            case VERIFIED -> knownCaller(line, call)
                    .map(member -> sendCode(twiml.say(p.welcome(), voice(p)), line, call, member))
                    .orElseGet(() -> refuse(line, call));
        };
    }

    /** Digits gathered for a {@code passcode} line. */
    Twiml passcode(ConferenceLine line, LineCall call) {
        LinePrompts p = line.prompts();
        if (line.mode() != LineMode.PASSCODE) {
            return goodbye(Twiml.response(), p);
        }
        Optional<Twiml> unusable = unusableEntry(line, call, PASSCODE, "passcode", p.enterPasscode());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (!failures.admit(line)) {
            return unavailable(line);
        }
        boolean right = hasher.verify(call.digits(), line.passcodeHash());
        failures.settle(line, !right);
        if (right) {
            log.info("line {}: passcode accepted for call {}", line.path(), call.sid());
            return join(Twiml.response(), line, call, null);
        }
        return retryOrGoodbye(line, call, p.wrongPasscode(), "passcode", p.enterPasscode());
    }

    /** Digits gathered for a {@code pin} line: the PIN tells which member calls. */
    Twiml pin(ConferenceLine line, LineCall call) {
        LinePrompts p = line.prompts();
        if (line.mode() != LineMode.PIN) {
            return goodbye(Twiml.response(), p);
        }
        Optional<Twiml> unusable = unusableEntry(line, call, PIN, "pin", p.enterPin());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (!failures.admit(line)) {
            return unavailable(line);
        }
        // The member whose phone is calling is tried first; PINs are unique within a line.
        Optional<LineMember> member = line.members().stream()
                .sorted(Comparator.comparing((LineMember m) -> !m.phone().equals(call.callerId())))
                .filter(m -> m.pinHash() != null && hasher.verify(call.digits(), m.pinHash()))
                .findFirst();
        failures.settle(line, member.isEmpty());
        if (member.isEmpty()) {
            return retryOrGoodbye(line, call, p.wrongPin(), "pin", p.enterPin());
        }
        sessions.claim(call.sid(), member.get().phone());
        sessions.prove(call.sid(), Factor.PIN);
        if (member.get().phone().equals(call.callerId())) {
            sessions.prove(call.sid(), Factor.CALLER_ID);
        }
        log.info("line {}: PIN accepted for call {} ({})", line.path(), call.sid(), role(member.get()));
        return join(Twiml.response(), line, call, member.get());
    }

    /** Digits gathered for a {@code verified} line: the one-time code sent when the call arrived. */
    Twiml code(ConferenceLine line, LineCall call) {
        LinePrompts p = line.prompts();
        if (line.mode() != LineMode.VERIFIED) {
            return goodbye(Twiml.response(), p);
        }
        Optional<LineMember> member = knownCaller(line, call);
        if (member.isEmpty()) {
            return refuse(line, call);
        }
        Optional<Twiml> unusable = unusableEntry(line, call, CODE, "code", p.enterCode());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        Optional<VerifyService> service = service(line);
        if (service.isEmpty()) {
            return unavailable(line);
        }
        if (!failures.admit(line)) {
            return unavailable(line);
        }
        Verification checked;
        try {
            checked = verifications.check(new Verifications.Check(service.get(), null,
                    member.get().codeDestination(), call.digits()));
        } catch (ApiException e) {
            // No pending code (expired, used up) or the destination's own limit: no guess was judged.
            failures.settle(line, false);
            log.info("line {}: code not checkable for call {}: {}", line.path(), call.sid(), e.getMessage());
            return goodbye(Twiml.response().say(p.tooManyTries(), voice(p)), p);
        }
        boolean approved = checked.status() == VerificationStatus.APPROVED;
        failures.settle(line, !approved);
        if (approved) {
            sessions.prove(call.sid(), Factor.OTP);
            log.info("line {}: code accepted for call {} ({})", line.path(), call.sid(), role(member.get()));
            return join(Twiml.response(), line, call, member.get());
        }
        if (checked.status() != VerificationStatus.PENDING) {
            return goodbye(Twiml.response().say(p.wrongCode(), voice(p)).say(p.tooManyTries(), voice(p)), p);
        }
        return retryOrGoodbye(line, call, p.wrongCode(), "code", p.enterCode());
    }

    private Optional<LineMember> knownCaller(ConferenceLine line, LineCall call) {
        Optional<LineMember> member = line.memberByPhone(call.callerId());
        member.ifPresent(m -> {
            sessions.claim(call.sid(), m.phone());
            sessions.prove(call.sid(), Factor.CALLER_ID);
        });
        return member;
    }

    private Twiml sendCode(Twiml twiml, ConferenceLine line, LineCall call, LineMember member) {
        LinePrompts p = line.prompts();
        Optional<VerifyService> service = service(line);
        if (service.isEmpty() || !failures.open(line)) {
            return unavailable(line);
        }
        try {
            verifications.start(new Verifications.Start(service.get(), member.codeDestination(), member.channel(),
                    null, null, null, Map.of()));
        } catch (ApiException e) {
            log.info("line {}: no code sent to {}: {}", line.path(), Destination.mask(member.codeDestination()),
                    e.getMessage());
            return unavailable(line);
        }
        return ask(twiml.say(p.codeSent(), voice(p)), line, call, "code", p.enterCode(), 0);
    }

    private Optional<VerifyService> service(ConferenceLine line) {
        Optional<VerifyService> service = line.verifyService() == null ? Optional.empty() : services.find(line.verifyService());
        if (service.isEmpty()) {
            log.error("line {}: its Verify service {} does not exist", line.path(), line.verifyService());
        }
        return service;
    }

    /** An empty or malformed entry: said so, and asked again while tries remain. Empty when the entry can be checked. */
    private Optional<Twiml> unusableEntry(ConferenceLine line, LineCall call, Pattern shape, String step, String prompt) {
        LinePrompts p = line.prompts();
        if (call.digits() == null || call.digits().isEmpty()) {
            return Optional.of(retryOrGoodbye(line, call, p.noEntry(), step, prompt));
        }
        if (!shape.matcher(call.digits()).matches()) {
            return Optional.of(retryOrGoodbye(line, call, p.invalidEntry(), step, prompt));
        }
        return Optional.empty();
    }

    private Twiml retryOrGoodbye(ConferenceLine line, LineCall call, String why, String step, String prompt) {
        LinePrompts p = line.prompts();
        int made = call.attempt() + 1;
        Twiml twiml = Twiml.response().say(why, voice(p));
        if (made >= line.retries()) {
            return goodbye(twiml.say(p.tooManyTries(), voice(p)), p);
        }
        return ask(twiml, line, call, step, prompt, made);
    }

    /** A Gather for digits ending in #; if a carrier falls through without posting, the step is asked for again. */
    private static Twiml ask(Twiml twiml, ConferenceLine line, LineCall call, String step, String prompt, int attempt) {
        String action = call.lineUrl() + "/" + step + "?attempt=" + attempt;
        return twiml.gather(Twiml.gather().action(action).finishOnKey("#").timeout(GATHER_TIMEOUT_SECONDS)
                        .actionOnEmptyResult(true).say(prompt, voice(line.prompts())))
                .redirect(action);
    }

    /** Into the conference; when the line waits for a moderator, only moderators start and end it. */
    private Twiml join(Twiml twiml, ConferenceLine line, LineCall call, LineMember member) {
        LinePrompts p = line.prompts();
        boolean moderator = member != null && member.moderator();
        twiml.say(p.joining(), voice(p));
        if (line.waitForModerator() && !moderator) {
            twiml.say(p.waitForModerator(), voice(p));
        }
        Twiml.Dial dial = Twiml.conference(line.conference())
                .startConferenceOnEnter(!line.waitForModerator() || moderator)
                .endConferenceOnExit(line.waitForModerator() && moderator)
                .muted(line.mutedOnEntry() && !moderator)
                .beep(Twiml.Beep.fromWireName(line.beep()))
                .maxParticipants(line.maxParticipants());
        if (line.waitUrl() != null) {
            dial.waitUrl(line.waitUrl(), "GET");
        }
        return twiml.dial(dial);
    }

    private Twiml refuse(ConferenceLine line, LineCall call) {
        log.info("line {}: caller {} is not a member", line.path(),
                call.callerId() != null ? Destination.mask(call.callerId()) : "without a phone number");
        LinePrompts p = line.prompts();
        return goodbye(Twiml.response().say(p.refused(), voice(p)), p);
    }

    private static Twiml unavailable(ConferenceLine line) {
        LinePrompts p = line.prompts();
        return goodbye(Twiml.response().say(p.unavailable(), voice(p)), p);
    }

    private static Twiml goodbye(Twiml twiml, LinePrompts p) {
        return twiml.say(p.goodbye(), voice(p)).hangup();
    }

    private static Twiml.Voice voice(LinePrompts p) {
        return LineCalls.voice(p);
    }

    private static String role(LineMember member) {
        return member.moderator() ? "moderator" : "member";
    }
}
