package dev.pokewatch.training.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.ExperimentTracker;
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

	/**
	 * The run tag recording whether the gate passed ({@code passed} or {@code failed}).
	 */
	public static final String GATE_OUTCOME_TAG = "gate.outcome";

	/** The run tag recording why, the failed checks. */
	public static final String GATE_REASON_TAG = "gate.reason";

	/** The model-version tag recording when the version began to be served. */
	public static final String SERVED_FROM_TAG = "served_from";

	private static final Logger logger = LoggerFactory.getLogger(ValidateCommand.class);

	private final ModelRegistry registry;

	private final ExperimentTracker tracker;

	private final ModelUpdatePublisher publisher;

	private final ValidateReport report;

	/**
	 * Creates the command.
	 * @param registry the registry, or {@code null} when none is configured
	 * @param tracker where the candidate's training run is tagged with the gate's
	 * outcome, or {@code null} when none is configured
	 * @param publisher the model-updated notification
	 * @param out progress output
	 */
	public ValidateCommand(ModelRegistry registry, ExperimentTracker tracker, ModelUpdatePublisher publisher,
			PrintStream out) {
		this.registry = registry;
		this.tracker = tracker;
		this.publisher = publisher;
		this.report = new ValidateReport(out);
	}

	/**
	 * Runs the gate.
	 * @param params the parameters
	 * @throws CommandException exit 3 when the gate refuses the candidate, exit 2 when
	 * the candidate is missing or unreadable, exit 1 when the promotion fails
	 */
	public void run(TrainingParams params) {
		Path candidateDir = params.paths().candidateDir();
		Path baselineDir = params.paths().baselineDir();
		ModelMetadata candidate = readCandidate(candidateDir);
		this.report.candidate(candidate);
		ModelMetadata champion = readChampion(baselineDir);
		this.report.champion(champion, baselineDir);
		this.report.metrics(candidate.metrics());
		QualityGate.Decision decision = QualityGate.evaluate(candidate.metrics(),
				QualityGate.ChampionFigures.of(candidate, champion), params.gate(), params.train().horizonDays());
		this.report.gate(decision);
		Instant decidedAt = Instant.now();
		if (!decision.passed()) {
			logDecision(baselineDir, decidedAt, candidate, champion, decision);
			tagOutcome(candidate, decision);
			throw new CommandException(CommandException.REFUSED,
					"quality gate " + decision.summary() + "; " + baselineDir + " left unchanged");
		}
		// the served model first: a slow tracking server must never delay the promotion
		promote(candidateDir, baselineDir);
		this.report.line("Promoted", candidate.modelVersion() + " to " + baselineDir);
		logDecision(baselineDir, decidedAt, candidate, champion, decision);
		tagOutcome(candidate, decision);
		register(params, candidateDir, candidate, decidedAt);
		publishFeatures(baselineDir, candidate);
		notifyReplicas(candidate);
	}

	private void logDecision(Path baselineDir, Instant decidedAt, ModelMetadata candidate, ModelMetadata champion,
			QualityGate.Decision decision) {
		Path log = PromotionLog.fileFor(baselineDir);
		String championVersion = (champion != null) ? champion.modelVersion() : null;
		try {
			PromotionLog.append(log, new PromotionLog.Entry(decidedAt, decision.passed(), candidate.modelVersion(),
					championVersion, decision.passed() ? candidate.modelVersion() : championVersion,
					decision.passed() ? List.of("all checks passed") : decision.failures(), candidate.mlflowRunId()));
			this.report.line("Logged", log.toString());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not append the decision to the promotion log {}: {}", log, ex.toString());
		}
	}

	private static ModelMetadata readCandidate(Path candidateDir) {
		ModelMetadata candidate = ModelFiles.readMetadata(candidateDir);
		if (!Files.isRegularFile(candidateDir.resolve(candidate.featuresFile()))) {
			throw CommandException.usage(candidateDir.resolve(candidate.featuresFile()) + ": not found");
		}
		return candidate;
	}

	private ModelMetadata readChampion(Path baselineDir) {
		try {
			if (ModelFiles.recoverInterruptedSwap(baselineDir)) {
				this.report.line("Restored", baselineDir + ", left aside by an interrupted promotion");
			}
		}
		catch (IOException ex) {
			logger.warn("Could not check {} for an interrupted promotion: {}", baselineDir, ex.toString());
		}
		if (!Files.exists(baselineDir.resolve(ModelMetadata.FILE_NAME))) {
			return null;
		}
		try {
			return ModelFiles.readMetadata(baselineDir);
		}
		catch (CommandException ex) {
			logger.warn("Ignoring the unreadable champion: {}", ex.getMessage());
			return null;
		}
	}

	private void tagOutcome(ModelMetadata candidate, QualityGate.Decision decision) {
		if (this.tracker == null || candidate.mlflowRunId() == null) {
			return;
		}
		try {
			this.tracker.tagFinishedRun(candidate.mlflowRunId(),
					Map.of(GATE_OUTCOME_TAG, decision.passed() ? "passed" : "failed", GATE_REASON_TAG,
							decision.passed() ? "all checks passed" : String.join("; ", decision.failures())));
		}
		catch (TrackingException ex) {
			logger.warn("Could not tag run {} with the gate's outcome: {}", candidate.mlflowRunId(), ex.getMessage());
		}
	}

	private void publishFeatures(Path baselineDir, ModelMetadata promoted) {
		if (!this.publisher.writesFeatures()) {
			return;
		}
		long cards = this.publisher.publishFeatures(baselineDir, promoted);
		this.report.line("Online",
				(cards >= 0)
						? cards + " card(s) under " + this.publisher.features().prefix() + ":" + promoted.modelVersion()
								+ " (TTL " + this.publisher.features().ttl().toDays() + " d)"
						: "failed (see the warning above); replicas answer from their model files");
	}

	private void notifyReplicas(ModelMetadata candidate) {
		if (!this.publisher.isEnabled()) {
			this.report.line("Notify", "skipped: no Redis URL (REDIS_URL); replicas pick up the new files");
			return;
		}
		long receivers = this.publisher.publish(candidate.modelVersion());
		this.report.line("Notify",
				(receivers >= 0) ? receivers + " subscriber(s) on Redis channel " + this.publisher.channel()
						: "failed (see the warning above); replicas pick up the new files");
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

	private void register(TrainingParams params, Path candidateDir, ModelMetadata candidate, Instant decidedAt) {
		String name = params.train().registeredModel();
		if (this.registry == null || candidate.mlflowRunId() == null) {
			this.report.line("Registry", "skipped: " + ((this.registry == null) ? "no model registry is configured"
					: "the candidate's training run was not tracked"));
			return;
		}
		try {
			if (!this.registry.isAvailable()) {
				this.report.line("Registry", "skipped: the tracking backend has no model registry");
				return;
			}
			Map<String, String> tracking = ModelFiles.readStringMap(candidateDir.resolve(ModelFiles.TRACKING_FILE));
			RecordedRun run = new RecordedRun(tracking.get("run_id"), tracking.get("experiment_id"),
					tracking.get("artifact_uri"), tracking.get("location"));
			String version = this.registry.registerVersion(name, run);
			this.registry.setAlias(name, CHAMPION, version);
			this.registry.setVersionTags(name, version, Map.of(GATE_OUTCOME_TAG, "passed", SERVED_FROM_TAG,
					decidedAt.toString(), GATE_REASON_TAG, "all checks passed"));
			this.report.line("Registry",
					name + " version " + version + ", alias '" + CHAMPION + "' (run " + run.location() + ")");
		}
		catch (TrackingException | IOException ex) {
			logger.info("Registry skipped", ex);
			this.report.line("Registry", "skipped: " + ex.getMessage() + " (the model is promoted locally)");
		}
	}

}
