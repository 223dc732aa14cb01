package io.callgate.dev;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Everything a simulated call did, for tests to assert on and people to read. */
public record Transcript(String callSid, List<CallStep> steps, Ending ending) {

    /** How the call ended. */
    public enum Ending {
        /** The caller was connected by {@code <Dial>}. */
        DIAL,
        HANGUP,
        REJECT,
        /** The TwiML ran out of verbs: the carrier hangs up. */
        END_OF_DOCUMENT,
        /** The caller hung up at a prompt. */
        CALLER_HANGUP,
        /** A request failed or its answer was not usable TwiML; the carrier would say "an application error has occurred". */
        APPLICATION_ERROR,
        /** More requests than the simulator allows: the flow loops. */
        LOOP
    }

    public Transcript {
        steps = List.copyOf(steps);
    }

    /** Every sentence said, in order. */
    public List<String> said() {
        return steps.stream().filter(s -> s instanceof CallStep.Say).map(s -> ((CallStep.Say) s).text()).toList();
    }

    public List<CallStep.Say> says() {
        return of(CallStep.Say.class);
    }

    public List<CallStep.Request> requests() {
        return of(CallStep.Request.class);
    }

    public List<CallStep.Gather> gathers() {
        return of(CallStep.Gather.class);
    }

    public List<String> findings() {
        return of(CallStep.Finding.class).stream().map(CallStep.Finding::message).toList();
    }

    /** The dial that ended the call, if it ended in one. */
    public Optional<CallStep.Dial> dial() {
        return steps.stream().filter(s -> s instanceof CallStep.Dial).map(s -> (CallStep.Dial) s).findFirst();
    }

    public <T extends CallStep> List<T> of(Class<T> type) {
        return steps.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The call as lines of text, one per step. */
    @Override
    public String toString() {
        return "call " + callSid + " (" + ending + ")\n"
                + steps.stream().map(s -> "  " + s.describe()).collect(Collectors.joining("\n"));
    }
}
