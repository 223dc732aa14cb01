package io.callgate.agent;

import io.callgate.api.ApiException;
import io.callgate.delivery.Channel;
import io.callgate.session.CallerSession;
import io.callgate.session.CallerSessions;
import io.callgate.session.Factor;
import io.callgate.system.Sids;
import io.callgate.verify.Destination;
import io.callgate.verify.Verification;
import io.callgate.verify.VerificationStatus;
import io.callgate.verify.Verifications;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What agents do with interactions. Each action checks, on the row itself, that the agent owns the
 * interaction and that it is in a state that allows the action; each is written to the audit log
 * under the agent's name. Customer details leave only for a verified interaction.
 */
@Service
public class InteractionDesk {

    /** Where the agent sends the code. */
    public enum Target { CALLER, ON_FILE }

    /** Something an agent may not do; {@code reason} names the message the console shows. */
    public static final class Refused extends RuntimeException {

        private final String reason;
        private final boolean forbidden;

        Refused(String reason, boolean forbidden) {
            super(reason, null, false, false);
            this.reason = reason;
            this.forbidden = forbidden;
        }

        public String reason() {
            return reason;
        }

        /** True when the agent may not touch the interaction at all (another agent's, or details before verification). */
        public boolean forbidden() {
            return forbidden;
        }
    }

    /** An interaction, and whether this announcement created it (false: the call or task had one already). */
    public record Opened(Interaction interaction, boolean created) {
    }

    /** What a read-back check came to. */
    public enum Readback { VERIFIED, WRONG, CODE_USED_UP, LOCKED }

    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");

    private final Interactions interactions;
    private final Verifications verifications;
    private final ConsoleService service;
    private final CustomerDetails customers;
    private final CallerSessions sessions;
    private final AgentAudit audit;
    private final AgentProperties properties;
    private final Clock clock;

    InteractionDesk(Interactions interactions, Verifications verifications, ConsoleService service,
                    CustomerDetails customers, CallerSessions sessions, AgentAudit audit, AgentProperties properties,
                    Clock clock) {
        this.interactions = interactions;
        this.verifications = verifications;
        this.service = service;
        this.customers = customers;
        this.sessions = sessions;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A caller reached the contact center: by a call (with its caller session) or through a CRM. A caller who
     * logged in on the IVR in the same call arrives verified, as that account.
     */
    public Opened open(Interaction.Source source, String callSid, String taskId, String caller, String customerRef) {
        Instant now = clock.instant();
        Optional<CallerSession> session = callSid == null ? Optional.empty() : sessions.find(callSid);
        boolean loggedIn = session.map(s -> s.hasProven(Factor.ACCOUNT)).orElse(false);
        String ref = loggedIn ? session.get().claimedIdentity() : customerRef;
        Interaction fresh = new Interaction(Sids.next("IN"), source, callSid, taskId, caller, ref, null,
                loggedIn ? InteractionStatus.VERIFIED : InteractionStatus.WAITING, null, null, 0,
                loggedIn ? now : null, loggedIn ? "ivr" : null, now, now);
        Interaction stored = interactions.open(fresh);
        return new Opened(stored, stored.sid().equals(fresh.sid()));
    }

    public List<Interaction> live() {
        return interactions.live(clock.instant().minus(properties.liveFor()));
    }

    public Optional<Interaction> find(String sid) {
        return Sids.looksLike("IN", sid) ? interactions.find(sid) : Optional.empty();
    }

    /** The number on file for the interaction's customer, if any; the console shows it masked before verification. */
    public Optional<String> numberOnFile(Interaction interaction) {
        try {
            return customers.find(interaction.customerRef()).map(CustomerDetails.Customer::phone).filter(p -> !p.isBlank());
        } catch (CustomerDetails.CustomerLookupException e) {
            return Optional.empty();
        }
    }

    public Interaction sendCode(String agent, String sid, Target target) {
        Interaction interaction = owned(agent, sid);
        if (interaction.status() != InteractionStatus.WAITING && interaction.status() != InteractionStatus.CODE_SENT) {
            throw new Refused("not-open", false);
        }
        String to = target == Target.ON_FILE
                ? numberOnFile(interaction).orElseThrow(() -> new Refused("no-number-on-file", false))
                : interaction.caller();
        boolean resend = interaction.status() == InteractionStatus.CODE_SENT && to.equals(interaction.destination());
        Verification started;
        try {
            started = verifications.start(new Verifications.Start(service.get(), to, Channel.SMS, null, null, null, Map.of()));
        } catch (ApiException e) {
            audit.record(agent, sid, resend ? "resend_code" : "send_code", "refused: " + e.code() + " to " + Destination.mask(to));
            throw new Refused("send-refused", false);
        }
        interactions.codeSent(sid, agent, started.sid(), started.to());
        audit.record(agent, sid, resend ? "resend_code" : "send_code", "sms to " + Destination.mask(started.to()));
        return interactions.find(sid).orElseThrow();
    }

    public Interaction cancelCode(String agent, String sid) {
        Interaction interaction = owned(agent, sid);
        if (interaction.status() != InteractionStatus.CODE_SENT) {
            throw new Refused("no-code-out", false);
        }
        try {
            verifications.update(service.get(), interaction.verificationSid(), VerificationStatus.CANCELED);
        } catch (ApiException alreadyOver) {
            // Expired or used up in the meantime: it is over either way.
        }
        interactions.backToWaiting(sid, agent);
        audit.record(agent, sid, "cancel_code", null);
        return interactions.find(sid).orElseThrow();
    }

    /** Checks the code the caller read out. The attempt is counted before the check, so racing clicks cannot pass the cap. */
    public Readback checkReadback(String agent, String sid, String code) {
        Interaction interaction = owned(agent, sid);
        if (interaction.status() != InteractionStatus.CODE_SENT) {
            throw new Refused(interaction.status() == InteractionStatus.LOCKED ? "locked" : "no-code-out", false);
        }
        String digits = code == null ? "" : code.strip();
        if (!CODE.matcher(digits).matches()) {
            throw new Refused("code-format", false);
        }
        if (!interactions.reserveReadback(sid, agent, properties.maxFailedReadbacks())) {
            interactions.lockIfSpent(sid, properties.maxFailedReadbacks());
            audit.record(agent, sid, "check_code", "refused: read-back limit reached");
            return Readback.LOCKED;
        }
        Verification checked;
        try {
            checked = verifications.check(new Verifications.Check(service.get(), interaction.verificationSid(), null, digits));
        } catch (ApiException e) {
            interactions.backToWaiting(sid, agent);
            audit.record(agent, sid, "check_code", "refused: " + e.code());
            return Readback.CODE_USED_UP;
        }
        if (checked.status() == VerificationStatus.APPROVED) {
            interactions.verified(sid, agent);
            if (interaction.callSid() != null) {
                sessions.prove(interaction.callSid(), Factor.AGENT_READBACK);
            }
            audit.record(agent, sid, "check_code", "verified");
            return Readback.VERIFIED;
        }
        interactions.lockIfSpent(sid, properties.maxFailedReadbacks());
        if (checked.status() != VerificationStatus.PENDING) {
            interactions.backToWaiting(sid, agent);
            audit.record(agent, sid, "check_code", "wrong; the code's attempts are used up");
            return Readback.CODE_USED_UP;
        }
        audit.record(agent, sid, "check_code", "wrong");
        return interactions.find(sid).map(Interaction::status).orElseThrow() == InteractionStatus.LOCKED
                ? Readback.LOCKED : Readback.WRONG;
    }

    /** The customer's details: only to the agent who has the interaction, and only once it is verified. */
    public CustomerDetails.Customer customer(String agent, String sid) {
        Interaction interaction = owned(agent, sid);
        if (!interaction.verified()) {
            audit.record(agent, sid, "view_customer", "refused: not verified");
            throw new Refused("not-verified", true);
        }
        CustomerDetails.Customer customer;
        try {
            customer = customers.find(interaction.customerRef()).orElseThrow(() -> new Refused("no-customer", false));
        } catch (CustomerDetails.CustomerLookupException e) {
            throw new Refused("lookup-failed", false);
        }
        audit.record(agent, sid, "view_customer", interaction.customerRef());
        return customer;
    }

    public void end(String agent, String sid) {
        Interaction interaction = owned(agent, sid);
        if (interaction.status() == InteractionStatus.CODE_SENT) {
            try {
                verifications.update(service.get(), interaction.verificationSid(), VerificationStatus.CANCELED);
            } catch (ApiException alreadyOver) {
                // Nothing left to cancel.
            }
        }
        if (interactions.end(sid, agent)) {
            audit.record(agent, sid, "end", null);
        }
    }

    /** The interaction, taken by this agent if nobody had it; another agent's is refused. */
    private Interaction owned(String agent, String sid) {
        Interaction interaction = find(sid).orElseThrow(() -> new Refused("not-found", true));
        if (interaction.agent() == null) {
            if (interactions.take(sid, agent)) {
                audit.record(agent, sid, "take", null);
            }
            // Taken now: by this request, by another of this agent's, or by another agent.
            interaction = interactions.find(sid).orElseThrow();
        }
        if (interaction.takenBy(agent)) {
            return interaction;
        }
        audit.record(agent, sid, "refused", "taken by another agent");
        throw new Refused("taken", true);
    }
}
