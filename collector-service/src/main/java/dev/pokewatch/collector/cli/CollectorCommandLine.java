package dev.pokewatch.collector.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import dev.pokewatch.common.exit.ExitCodes;

/**
 * The collector's command line, parsed by picocli: {@code collect} runs once and
 * {@code serve} runs the daily schedule. Exit codes: 0 ok, 1 the run failed, 2 usage or
 * input error.
 *
 * <p>
 * Arguments of the form {@code --some.property=value} (a dot in the name) are Spring
 * properties: they go to Spring Boot, not to the command.
 */
public final class CollectorCommandLine {

	private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

	private final CommandLine commandLine;

	private final ServeCommand serve;

	/**
	 * Creates the command line.
	 * @param starter starts Spring Boot with the Spring properties of the arguments
	 * @param out where results go
	 * @param err where errors go
	 */
	public CollectorCommandLine(ApplicationStarter starter, PrintWriter out, PrintWriter err) {
		this.serve = new ServeCommand(starter);
		this.commandLine = new CommandLine(new Collector()).addSubcommand(new CollectCommand(starter))
			.addSubcommand(this.serve)
			.setOut(out)
			.setErr(err)
			.setParameterExceptionHandler(CollectorCommandLine::usageError)
			.setExecutionExceptionHandler(new FailureHandler());
	}

	/**
	 * Runs the command the arguments name.
	 * @param args the command's arguments, without Spring properties (see
	 * {@link #springProperties(String[])})
	 * @return the exit code
	 */
	public int execute(List<String> args) {
		return this.commandLine.execute(args.toArray(String[]::new));
	}

	/**
	 * Whether {@code serve} started the application, which then keeps running after
	 * {@link #execute} returns.
	 * @return {@code true} if serving
	 */
	public boolean serving() {
		return this.serve.started();
	}

	/**
	 * The arguments that are Spring properties ({@code --name.with.dot=value}).
	 * @param args all arguments
	 * @return the Spring properties, in order
	 */
	public static List<String> springProperties(String[] args) {
		return List.of(args).stream().filter((arg) -> SPRING_PROPERTY.matcher(arg).matches()).toList();
	}

	/**
	 * The arguments for the command line, without Spring properties.
	 * @param args all arguments
	 * @return the other arguments, in order
	 */
	public static List<String> commandArguments(String[] args) {
		List<String> rest = new ArrayList<>();
		for (String arg : args) {
			if (!SPRING_PROPERTY.matcher(arg).matches()) {
				rest.add(arg);
			}
		}
		return rest;
	}

	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		err.println(command.getCommandName() + ": " + ex.getMessage());
		UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
		err.flush();
		return ExitCodes.USAGE;
	}

	/**
	 * The top command: names the subcommands.
	 */
	@Command(name = "collector", mixinStandardHelpOptions = true, version = "PokeWatch collector",
			description = "Collects daily Pokémon card prices into data/raw/.",
			footer = { "", "Spring properties (see application.yml) can be added as --name=value, for example:",
					"  --collector.http.max-attempts=2" })
	static final class Collector implements Runnable {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public void run() {
			throw new ParameterException(this.spec.commandLine(), "give a command: collect or serve");
		}

	}

	/**
	 * Reports a failure that is not the user's: one line on stderr, the stack trace in
	 * the log.
	 */
	private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

		private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(CollectorCommandLine.class);

		@Override
		public int handleExecutionException(Exception ex, CommandLine command, CommandLine.ParseResult parseResult) {
			logger.error("{} failed", command.getCommandName(), ex);
			Throwable badProperty = badProperty(ex);
			command.getErr()
				.println(command.getCommandName() + ": "
						+ ((badProperty != null)
								? "invalid configuration: " + badProperty.getMessage() + ": " + rootMessage(ex)
								: "failed: " + rootMessage(ex)));
			command.getErr().flush();
			return (badProperty != null) ? ExitCodes.USAGE : ExitCodes.FAILED;
		}

		private static Throwable badProperty(Throwable ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof org.springframework.boot.context.properties.bind.BindException) {
					return cause;
				}
			}
			return null;
		}

		private static String rootMessage(Throwable ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return (root.getMessage() != null) ? root.getMessage() : root.toString();
		}

	}

}
