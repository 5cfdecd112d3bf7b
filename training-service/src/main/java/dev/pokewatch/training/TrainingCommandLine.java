package dev.pokewatch.training;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.pokewatch.training.drift.DriftCommand;
import dev.pokewatch.training.params.ParamsReader;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.preprocess.PreprocessCommand;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.train.TrainCommand;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.validate.ModelUpdatePublisher;
import dev.pokewatch.training.validate.ValidateCommand;

/**
 * The one-shot command line, parsed by picocli: {@code preprocess}, {@code train},
 * {@code validate}, all three as {@code retrain}, or {@code drift}, each with
 * {@code --help}. The process exit code is the result: 0 ok (for {@code drift} whatever
 * its status), 1 a failed run or a refused quality gate, 2 a usage or input error. Spring
 * properties ({@code --some.property=value}) are left to Spring Boot, which has applied
 * them already.
 */
@Component
class TrainingCommandLine implements CommandLineRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(TrainingCommandLine.class);

	private final ObjectProvider<ExperimentTracker> tracker;

	private final ObjectProvider<ModelRegistry> registry;

	private final ModelUpdatePublisher publisher;

	private int exitCode;

	TrainingCommandLine(ObjectProvider<ExperimentTracker> tracker, ObjectProvider<ModelRegistry> registry,
			ModelUpdatePublisher publisher) {
		this.tracker = tracker;
		this.registry = registry;
		this.publisher = publisher;
	}

	@Override
	public void run(String... args) {
		this.exitCode = execute(System.out, System.err, args);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	int execute(PrintStream out, PrintStream err, String... args) {
		PipelineSteps steps = new PipelineSteps(out, this.tracker, this.registry, this.publisher);
		CommandLine commandLine = new CommandLine(new Root()).addSubcommand(new Preprocess(steps))
			.addSubcommand(new Train(steps))
			.addSubcommand(new Validate(steps))
			.addSubcommand(new Retrain(steps))
			.addSubcommand(new Drift(steps))
			.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
			.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
			.setExecutionExceptionHandler(TrainingCommandLine::failed)
			.setParameterExceptionHandler(TrainingCommandLine::misused);
		return commandLine.execute(withoutSpringProperties(args));
	}

	/**
	 * Drops {@code --name.with.dots=value}: Spring Boot reads those from the same
	 * arguments.
	 */
	static String[] withoutSpringProperties(String... args) {
		return Arrays.stream(args).filter((arg) -> !isSpringProperty(arg)).toArray(String[]::new);
	}

	private static boolean isSpringProperty(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

	/**
	 * Whether the arguments ask for framework logs on the console; read before Spring
	 * starts, since logging is configured first.
	 * @param args the process arguments
	 * @return {@code true} for {@code -v} or {@code --verbose}
	 */
	static boolean isVerbose(String... args) {
		return Arrays.stream(args).anyMatch((arg) -> arg.equals("-v") || arg.equals("--verbose"));
	}

	private static int failed(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		String command = commandLine.getCommandName();
		PrintWriter err = commandLine.getErr();
		if (ex instanceof CommandException failure) {
			err.println(command + ": " + failure.getMessage());
			logger.debug("{} failed", command, ex);
			return failure.exitCode();
		}
		err.println(command + ": failed: " + ex);
		logger.error("{} failed", command, ex);
		return CommandException.FAILED;
	}

	private static int misused(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		boolean atRoot = commandLine.getCommandSpec().root() == commandLine.getCommandSpec();
		if (atRoot && ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			err.println("unknown command '" + unmatched.getUnmatched().get(0) + "'");
		}
		else {
			err.println(commandLine.getCommandName() + ": " + ex.getMessage());
		}
		UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
		return CommandException.USAGE;
	}

	/**
	 * The top-level command: only names the subcommands.
	 */
	@Command(name = "training-service", mixinStandardHelpOptions = true, versionProvider = Root.Version.class,
			description = "Preprocess the collected prices, train the fair-price model and promote it "
					+ "through the quality gate.",
			synopsisSubcommandLabel = "(preprocess | train | validate | retrain | drift)",
			footer = { "", "Exit codes: 0 ok, 1 run failed or quality gate refused, 2 usage or input error.",
					"drift exits 0 on every status (ok, warn, drift): the status is in reports/drift.json.",
					"Spring properties may follow as --name=value, e.g. --training.redis.channel=test.",
					"Framework logs go to logs/training.log unless --verbose is given." })
	static final class Root implements Callable<Integer> {

		@Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT,
				description = "Also print the framework's log lines on the console.")
		boolean verbose;

		@Override
		public Integer call() {
			throw new ParameterException(this.spec.commandLine(),
					"missing command: preprocess, train, validate, retrain or drift");
		}

		static final class Version implements CommandLine.IVersionProvider {

			@Override
			public String[] getVersion() {
				String version = TrainingApplication.class.getPackage().getImplementationVersion();
				return new String[] { "training-service " + ((version != null) ? version : "(development build)") };
			}

		}

	}

	/**
	 * The {@code --params} option every command takes.
	 */
	static final class ParamsOption {

		@Option(names = "--params", paramLabel = "<file>",
				description = "Parameters file (default: params.yaml; when that is missing, the built-in defaults).")
		Path file;

		TrainingParams read() {
			return (this.file != null) ? ParamsReader.read(this.file, true)
					: ParamsReader.read(ParamsReader.DEFAULT_FILE, false);
		}

	}

	/**
	 * The {@code --skip-bad-files} option of the commands that read the raw files.
	 */
	static final class SkipBadFilesOption {

		@Option(names = "--skip-bad-files",
				description = "Skip and report unreadable raw files instead of stopping at the first one.")
		boolean skip;

	}

	/**
	 * The pipeline's steps with what they need, shared by the commands that run them: a
	 * step runs the same alone as inside {@code retrain} or {@code drift --preprocess}.
	 *
	 * @param out where the steps report
	 * @param tracker the experiment tracker, when tracking is configured
	 * @param registry the model registry, when one is configured
	 * @param publisher tells the serving replicas about a promotion
	 */
	record PipelineSteps(PrintStream out, ObjectProvider<ExperimentTracker> tracker,
			ObjectProvider<ModelRegistry> registry, ModelUpdatePublisher publisher) {

		void preprocess(Path rawDir, Path processedDir, TrainingParams params, boolean skipBadFiles) {
			new PreprocessCommand(this.out).run(rawDir, processedDir, params.outlier(), skipBadFiles);
		}

		void train(TrainingParams params) {
			new TrainCommand(this.tracker.getIfAvailable(), this.out, Clock.systemUTC()).run(params);
		}

		void validate(TrainingParams params) {
			new ValidateCommand(this.registry.getIfAvailable(), this.tracker.getIfAvailable(), this.publisher, this.out)
				.run(params);
		}

		void drift(TrainingParams params) {
			new DriftCommand(this.tracker.getIfAvailable(), this.out, Clock.systemUTC()).run(params);
		}

	}

	@Command(name = "preprocess", mixinStandardHelpOptions = true,
			description = "Validate the raw price files, drop duplicates, flag outliers and write one processed "
					+ "file per set.")
	static final class Preprocess implements Callable<Integer> {

		private final PipelineSteps steps;

		@Mixin
		ParamsOption params;

		@Option(names = "--raw-dir", paramLabel = "<dir>",
				description = "Raw price files (default: raw_dir of params.yaml).")
		Path rawDir;

		@Option(names = "--out-dir", paramLabel = "<dir>",
				description = "Where processed files go (default: processed_dir of params.yaml).")
		Path outDir;

		@Mixin
		SkipBadFilesOption skipBadFiles;

		Preprocess(PipelineSteps steps) {
			this.steps = steps;
		}

		@Override
		public Integer call() {
			TrainingParams params = this.params.read();
			Path raw = (this.rawDir != null) ? this.rawDir : params.paths().rawDir();
			Path processed = (this.outDir != null) ? this.outDir : params.paths().processedDir();
			this.steps.preprocess(raw, processed, params, this.skipBadFiles.skip);
			return 0;
		}

	}

	@Command(name = "train", mixinStandardHelpOptions = true,
			description = "Backtest the model grid, write the candidate model and reports, and track the run "
					+ "in MLflow.")
	static final class Train implements Callable<Integer> {

		private final PipelineSteps steps;

		@Mixin
		ParamsOption params;

		Train(PipelineSteps steps) {
			this.steps = steps;
		}

		@Override
		public Integer call() {
			this.steps.train(this.params.read());
			return 0;
		}

	}

	@Command(name = "validate", mixinStandardHelpOptions = true,
			description = "Compare the candidate with the quality gate and the champion; on pass, promote it, "
					+ "register it and notify the serving replicas.")
	static final class Validate implements Callable<Integer> {

		private final PipelineSteps steps;

		@Mixin
		ParamsOption params;

		Validate(PipelineSteps steps) {
			this.steps = steps;
		}

		@Override
		public Integer call() {
			this.steps.validate(this.params.read());
			return 0;
		}

	}

	@Command(name = "retrain", mixinStandardHelpOptions = true,
			description = "preprocess, train and validate in one process: one JVM and one Spring start instead of "
					+ "three. The same steps, outputs and exit codes as running them one by one; it stops at the "
					+ "first that fails.")
	static final class Retrain implements Callable<Integer> {

		private final PipelineSteps steps;

		@Mixin
		ParamsOption params;

		@Mixin
		SkipBadFilesOption skipBadFiles;

		Retrain(PipelineSteps steps) {
			this.steps = steps;
		}

		@Override
		public Integer call() {
			TrainingParams params = this.params.read();
			List<String> took = new ArrayList<>();
			step("preprocess", took, () -> this.steps.preprocess(params.paths().rawDir(), params.paths().processedDir(),
					params, this.skipBadFiles.skip));
			step("train", took, () -> this.steps.train(params));
			step("validate", took, () -> this.steps.validate(params));
			this.steps.out().println("Retrain took " + String.join(", ", took));
			return 0;
		}

		private void step(String name, List<String> took, Runnable step) {
			this.steps.out().println();
			this.steps.out().println("== " + name + " ==");
			long started = System.nanoTime();
			step.run();
			took.add(name + " %.1f s".formatted((System.nanoTime() - started) / 1e9));
		}

	}

	@Command(name = "drift", mixinStandardHelpOptions = true,
			description = "Compare the current window of the processed data with the reference window (PSI per "
					+ "category of returns and of the deviation from fair price) and the served model's live error "
					+ "and hit rate with its training figures; write reports/drift.json. Exits 0 whatever the status.")
	static final class Drift implements Callable<Integer> {

		private final PipelineSteps steps;

		@Mixin
		ParamsOption params;

		@Option(names = "--preprocess",
				description = "Bring the processed data up to date from the raw files first (as preprocess, in this "
						+ "process): what a scheduler runs after collecting a new day.")
		boolean preprocess;

		Drift(PipelineSteps steps) {
			this.steps = steps;
		}

		@Override
		public Integer call() {
			TrainingParams params = this.params.read();
			if (this.preprocess) {
				this.steps.preprocess(params.paths().rawDir(), params.paths().processedDir(), params, false);
				this.steps.out().println();
			}
			this.steps.drift(params);
			return 0;
		}

	}

}
