package io.callgate.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of the callgate jar. With no arguments, or only server options
 * ({@code --server.port=9090}), the jar starts the server; these commands run without it.
 */
@Command(name = "callgate", mixinStandardHelpOptions = true, versionProvider = CallgateCommand.Version.class,
        description = "Caller-authentication server and its command-line tools.",
        footer = {"", "Without a command, 'java -jar callgate.jar [--spring.option=value ...]' starts the server."})
public final class CallgateCommand implements Runnable {

    private static final Set<String> COMMANDS = Set.of("simulate", "admin", "help", "-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** True when the arguments name a command rather than options for the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs a command and returns its exit status: 0 done, 1 failed, 2 wrong usage. */
    public static int run(String[] args, Terminal terminal) {
        return commandLine(terminal, AdminResource.ALL).execute(args);
    }

    /** The command tree, with the admin commands for {@code resources}. */
    static CommandLine commandLine(Terminal terminal, List<AdminResource> resources) {
        CommandLine admin = new CommandLine(new AdminCommand());
        for (AdminResource resource : resources) {
            CommandLine sub = new CommandLine(new ResourceCommand(resource, terminal));
            sub.getCommandSpec().usageMessage().description(resource.description());
            admin.addSubcommand(resource.name(), sub);
        }
        CommandLine root = new CommandLine(new CallgateCommand())
                .addSubcommand("simulate", new SimulateCommand(terminal))
                .addSubcommand("admin", admin)
                .addSubcommand(new CommandLine.HelpCommand());
        root.setOut(terminal.out());
        root.setErr(terminal.err());
        root.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return root;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "admin", mixinStandardHelpOptions = true,
            description = "Manage callgate through its admin API (a running server, HTTP Basic with the account SID and auth token).")
    static final class AdminCommand implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "name what to manage: "
                    + String.join(", ", spec.subcommands().keySet()));
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CallgateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"callgate " + (version == null ? "(development build)" : version)};
        }
    }
}
