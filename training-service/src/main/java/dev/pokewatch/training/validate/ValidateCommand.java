package dev.pokewatch.training.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * The quality gate: compares the candidate with the limits and the current champion
 * ({@code models/baseline/}); on pass copies the candidate into place atomically and
 * points the registry's {@code champion} alias at it; on failure exits 1 and leaves the
 * served model and the alias untouched.
 */
public class ValidateCommand {

	/** The alias of the served model version. */
	public static final String CHAMPION = "champion";

	private static final Logger logger = LoggerFactory.getLogger(ValidateCommand.class);

	private final ModelRegistry registry;

	private final ModelUpdatePublisher publisher;

	private final PrintStream out;

	/**
	 * Creates the command.
	 * @param registry the registry, or {@code null} when none is configured
	 * @param publisher the model-updated notification
	 * @param out progress output
	 */
	public ValidateCommand(ModelRegistry registry, ModelUpdatePublisher publisher, PrintStream out) {
		this.registry = registry;
		this.publisher = publisher;
		this.out = out;
	}

	/**
	 * Runs the gate.
	 * @param params the parameters
	 * @throws CommandException exit 1 when the gate fails, exit 2 when the candidate is
	 * missing or unreadable
	 */
	public void run(TrainingParams params) {
		Path candidateDir = params.paths().candidateDir();
		Path baselineDir = params.paths().baselineDir();
		ModelMetadata candidate = ModelFiles.readMetadata(candidateDir);
		if (!Files.isRegularFile(candidateDir.resolve(candidate.featuresFile()))) {
			throw CommandException.usage(candidateDir.resolve(candidate.featuresFile()) + ": not found");
		}
		Map<String, Double> champion = null;
		try {
			if (ModelFiles.recoverInterruptedSwap(baselineDir)) {
				this.out.println("Restored " + baselineDir + " left aside by an interrupted promotion");
			}
		}
		catch (IOException ex) {
			logger.warn("Could not check {} for an interrupted promotion: {}", baselineDir, ex.toString());
		}
		if (Files.exists(baselineDir.resolve(ModelMetadata.FILE_NAME))) {
			try {
				ModelMetadata current = ModelFiles.readMetadata(baselineDir);
				champion = current.metrics();
				this.out.printf("Champion: %s (%s_%d)%n", current.modelVersion(), current.modelType(),
						current.windowSize());
			}
			catch (CommandException ex) {
				logger.warn("Ignoring the unreadable champion: {}", ex.getMessage());
			}
		}
		else {
			this.out.println("No champion in " + baselineDir + ": only the absolute limits apply");
		}
		this.out.printf("Candidate: %s (%s_%d)%n", candidate.modelVersion(), candidate.modelType(),
				candidate.windowSize());
		QualityGate.Decision decision = QualityGate.evaluate(candidate.metrics(), champion, params.gate());
		decision.checks().forEach((check) -> this.out.println("  " + check));
		if (!decision.passed()) {
			logger.warn("Quality gate {}; {} left unchanged", decision.summary(), baselineDir);
			throw new CommandException(CommandException.FAILED,
					"quality gate " + decision.summary() + "; " + baselineDir + " left unchanged");
		}
		promote(candidateDir, baselineDir);
		this.out.printf("Quality gate passed: promoted %s to %s%n", candidate.modelVersion(), baselineDir);
		register(params, candidateDir, candidate);
		this.publisher.publish(candidate.modelVersion());
	}

	private static void promote(Path candidateDir, Path baselineDir) {
		Path staged = null;
		try {
			staged = ModelFiles.stage(baselineDir);
			ModelFiles.copyTree(candidateDir, staged);
			ModelFiles.replaceDirectory(staged, baselineDir);
		}
		catch (IOException ex) {
			throw new CommandException(CommandException.FAILED,
					"could not promote " + candidateDir + " to " + baselineDir + ": " + ex.getMessage(), ex);
		}
		finally {
			if (staged != null) {
				try {
					ModelFiles.deleteRecursively(staged);
				}
				catch (IOException ex) {
					logger.warn("Could not delete the staging directory {}", staged);
				}
			}
		}
	}

	private void register(TrainingParams params, Path candidateDir, ModelMetadata candidate) {
		String name = params.train().registeredModel();
		if (this.registry == null || candidate.mlflowRunId() == null) {
			logger.warn("Registry skipped: {}", (this.registry == null) ? "no model registry is configured"
					: "the candidate's training run was not tracked");
			return;
		}
		try {
			if (!this.registry.isAvailable()) {
				logger.warn("Registry skipped: the tracking backend has no model registry");
				return;
			}
			Map<String, String> tracking = ModelFiles.readStringMap(candidateDir.resolve(ModelFiles.TRACKING_FILE));
			RecordedRun run = new RecordedRun(tracking.get("run_id"), tracking.get("experiment_id"),
					tracking.get("artifact_uri"), tracking.get("location"));
			String version = this.registry.registerVersion(name, run);
			this.registry.setAlias(name, CHAMPION, version);
			this.out.printf("Registered %s version %s and set alias '%s' (run %s)%n", name, version, CHAMPION,
					run.location());
		}
		catch (TrackingException | IOException ex) {
			logger.warn("Registry skipped ({}); the model is promoted locally", ex.getMessage());
		}
	}

}
