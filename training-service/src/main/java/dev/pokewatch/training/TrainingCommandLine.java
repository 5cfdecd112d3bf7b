package dev.pokewatch.training;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.pokewatch.training.params.ParamsReader;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.preprocess.PreprocessCommand;
import dev.pokewatch.training.system.Arguments;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.train.TrainCommand;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.validate.ModelUpdatePublisher;
import dev.pokewatch.training.validate.RedisProperties;
import dev.pokewatch.training.validate.ValidateCommand;

/**
 * The one-shot command line: {@code preprocess}, {@code train} or {@code validate}; the
 * process exit code is the result (0 ok, 1 failed run or gate, 2 usage or input error).
 */
@Component
class TrainingCommandLine implements CommandLineRunner, ExitCodeGenerator {

	static final String USAGE = """
			usage: java -jar training-service.jar <command> [options]
			  preprocess [--raw-dir data/raw] [--out-dir data/processed] [--skip-bad-files] [--params params.yaml]
			  train      [--params params.yaml]
			  validate   [--params params.yaml]""";

	private static final Logger logger = LoggerFactory.getLogger(TrainingCommandLine.class);

	private final ObjectProvider<ExperimentTracker> tracker;

	private final ObjectProvider<ModelRegistry> registry;

	private final RedisProperties redis;

	private int exitCode;

	TrainingCommandLine(ObjectProvider<ExperimentTracker> tracker, ObjectProvider<ModelRegistry> registry,
			RedisProperties redis) {
		this.tracker = tracker;
		this.registry = registry;
		this.redis = redis;
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
		if (args.length == 0) {
			err.println(USAGE);
			return CommandException.USAGE;
		}
		String command = args[0];
		List<String> options = Arrays.asList(args).subList(1, args.length);
		try {
			switch (command) {
				case "preprocess" -> preprocess(options, out);
				case "train" -> new TrainCommand(this.tracker.getIfAvailable(), out, Clock.systemUTC())
					.run(params("train", options));
				case "validate" -> new ValidateCommand(this.registry.getIfAvailable(),
						new ModelUpdatePublisher(this.redis.url(), this.redis.channel()), out)
					.run(params("validate", options));
				default -> throw CommandException.usage("unknown command '" + command + "'\n" + USAGE);
			}
			return 0;
		}
		catch (CommandException ex) {
			err.println(command + ": " + ex.getMessage());
			logger.debug("{} failed", command, ex);
			return ex.exitCode();
		}
		catch (RuntimeException ex) {
			err.println(command + ": failed: " + ex);
			logger.error("{} failed", command, ex);
			return CommandException.FAILED;
		}
	}

	private static void preprocess(List<String> options, PrintStream out) {
		Arguments arguments = Arguments.parse("preprocess", options, Set.of("raw-dir", "out-dir", "params"),
				Set.of("skip-bad-files"));
		TrainingParams params = ParamsReader.read(arguments.path("params", ParamsReader.DEFAULT_FILE),
				arguments.has("params"));
		Path rawDir = arguments.path("raw-dir", params.paths().rawDir());
		Path outDir = arguments.path("out-dir", params.paths().processedDir());
		new PreprocessCommand(out).run(rawDir, outDir, params.outlier(), arguments.has("skip-bad-files"));
	}

	private static TrainingParams params(String command, List<String> options) {
		Arguments arguments = Arguments.parse(command, options, Set.of("params"), Set.of());
		return ParamsReader.read(arguments.path("params", ParamsReader.DEFAULT_FILE), arguments.has("params"));
	}

}
