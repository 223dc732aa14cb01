package io.callgate.cli;

import io.callgate.dev.CallSimulator;
import io.callgate.dev.CallStep;
import io.callgate.dev.Keypad;
import io.callgate.dev.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: one call against a TwiML line, played in the terminal. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Play a call against a TwiML webhook as a carrier would, without a phone.",
                "Prints what the caller hears; at each prompt type keys (e.g. 123456#), Enter for no input, q to hang up."},
        footer = {"", "Exit status: 0 when the call ends cleanly, 1 when it ends in an application error, a loop, or",
                "with findings (TwiML a carrier would refuse)."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The line's webhook, e.g. http://localhost:8080/voice/lines/board")
    String url;

    @Option(names = "--from", required = true, paramLabel = "E164", description = "The caller ID (From), e.g. +15551234567")
    String from;

    @Option(names = "--to", paramLabel = "E164", defaultValue = "+15550100000",
            description = "The number dialled (To) (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The carrier's auth token (SignalWire: signing key) that signs each request: the server's"
                    + " callgate.voice.carriers.<name>.auth-token (default: the one CALLGATE_VOICE_CARRIERS_<NAME>_AUTHTOKEN"
                    + " variable set here).")
    String token;

    @Option(names = "--carrier", paramLabel = "NAME",
            description = "Take the token from CALLGATE_VOICE_CARRIERS_<NAME>_AUTHTOKEN when several are set.")
    String carrier;

    @Option(names = "--unsigned", description = "Send requests without X-Twilio-Signature (the server should refuse them).")
    boolean unsigned;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The base URL the server checks signatures against (callgate.public-base-url), when it is not --url's.")
    String publicUrl;

    @Option(names = "--press", paramLabel = "KEYS",
            description = "Keys for the next prompt, before asking (repeat the option; '' lets a prompt time out).")
    List<String> presses = List.of();

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "" + CallSimulator.DEFAULT_MAX_REQUESTS,
            description = "Webhook requests before the call counts as a loop (default: ${DEFAULT-VALUE}).")
    int maxRequests;

    @Option(names = "--redeliver", description = "Send every request twice with one idempotency token and compare the answers.")
    boolean redeliver;

    @Option(names = "--account-sid", paramLabel = "AC…", description = "The AccountSid sent (default: a fresh one).")
    String accountSid;

    private final Terminal terminal;

    SimulateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        CallSimulator simulator = CallSimulator.builder()
                .token(unsigned ? null : token != null ? token : carrierToken())
                .accountSid(accountSid)
                .publicBaseUrl(publicUrl)
                .maxRequests(maxRequests)
                .redeliver(redeliver)
                .build();
        terminal.out().println("Calling " + url + " from " + from + " to " + to + (unsigned ? " (unsigned)" : ""));
        Deque<String> scripted = new ArrayDeque<>(presses);
        Transcript call = simulator.play(url, from, to, prompt -> next(prompt, scripted),
                step -> terminal.out().println("  " + step.describe()));
        terminal.out().println("Call " + call.callSid() + " ended: " + ending(call));
        List<String> findings = call.findings();
        if (!findings.isEmpty()) {
            terminal.out().println(findings.size() + " finding(s): TwiML or answers a carrier would not accept.");
        }
        boolean clean = findings.isEmpty() && call.ending() != Transcript.Ending.APPLICATION_ERROR
                && call.ending() != Transcript.Ending.LOOP;
        return clean ? 0 : 1;
    }

    /**
     * The carrier token from the variables that configure the server's carriers
     * ({@code callgate.voice.carriers.<name>.auth-token} in relaxed binding), so a shell that starts the
     * server can simulate calls too.
     */
    private String carrierToken() {
        String prefix = "CALLGATE_VOICE_CARRIERS_";
        String suffix = "_AUTHTOKEN";
        Map<String, String> tokens = new TreeMap<>();
        terminal.env().forEach((name, value) -> {
            if (name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()
                    && !value.isBlank()) {
                tokens.put(name.substring(prefix.length(), name.length() - suffix.length()), value);
            }
        });
        if (carrier != null) {
            String chosen = tokens.get(carrier.toUpperCase(Locale.ROOT).replace("-", ""));
            if (chosen == null) {
                throw new IllegalStateException("no " + prefix + carrier.toUpperCase(Locale.ROOT).replace("-", "") + suffix
                        + " is set; give --token");
            }
            return chosen;
        }
        if (tokens.size() == 1) {
            return tokens.values().iterator().next();
        }
        throw new IllegalStateException(tokens.isEmpty()
                ? "give --token: the carrier's auth token the server checks signatures with"
                        + " (callgate.voice.carriers.<name>.auth-token), or --unsigned"
                : "several carriers are configured here (" + String.join(", ", tokens.keySet()) + "); choose one with --carrier");
    }

    private Keypad.Press next(Map<String, String> prompt, Deque<String> scripted) {
        if (!scripted.isEmpty()) {
            String keys = scripted.removeFirst();
            terminal.out().println("  keys> " + keys + "   (from --press)");
            return Keypad.Press.keys(keys);
        }
        while (true) {
            terminal.out().print("  keys> ");
            terminal.out().flush();
            String line;
            try {
                line = terminal.in().readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null || line.strip().equalsIgnoreCase("q")) {
                return Keypad.Press.hangingUp();
            }
            String keys = line.replaceAll("\\s+", "");
            if (keys.matches("[0-9#*]*")) {
                return Keypad.Press.keys(keys);
            }
            terminal.out().println("  a phone keypad has only 0-9, * and #; Enter for no input, q to hang up");
        }
    }

    private static String ending(Transcript call) {
        return switch (call.ending()) {
            case DIAL -> call.dial().map(d -> "connected to " + d.noun().toLowerCase() + " " + d.target()).orElse("dial");
            case HANGUP -> "the line hung up";
            case REJECT -> "the line rejected the call";
            case END_OF_DOCUMENT -> "no more TwiML, the carrier hangs up";
            case CALLER_HANGUP -> "you hung up";
            case APPLICATION_ERROR -> "application error (see the finding above)";
            case LOOP -> "stopped: the flow loops";
        };
    }
}
