package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@link ExperimentTracker} of last resort: writes runs into a local directory
 * ({@code ./mlruns} by default) in MLflow's file-store layout, so that MLflow can show
 * them later
 * ({@code MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ./mlruns}) or import
 * them ({@code mlflow migrate-filestore}).
 */
final class FileStoreTracker implements ExperimentTracker {

	private static final Logger logger = LoggerFactory.getLogger(FileStoreTracker.class);

	static final String DEFAULT_EXPERIMENT_ID = "0";

	private static final String DEFAULT_EXPERIMENT_NAME = "Default";

	private final Path root;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final YAMLMapper yaml = YAMLMapper.builder().build();

	FileStoreTracker(Path root) {
		this(root, Clock.systemUTC());
	}

	FileStoreTracker(Path root, Clock clock) {
		this.root = Objects.requireNonNull(root, "'root' must not be null").toAbsolutePath().normalize();
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
	}

	/**
	 * The store's root directory.
	 * @return the absolute root
	 */
	Path root() {
		return this.root;
	}

	/**
	 * The shell command that shows this store in the MLflow UI.
	 * @return the command
	 */
	String viewCommand() {
		return "MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + this.root;
	}

	/**
	 * The shell command that imports this store into a SQLite MLflow database.
	 * @return the command
	 */
	String migrateCommand() {
		return "mlflow migrate-filestore --source " + this.root + " --target sqlite:///mlflow.db";
	}

	@Override
	public synchronized TrackedRun startRun(String experimentName, String runName, Map<String, String> tags) {
		Objects.requireNonNull(experimentName, "'experimentName' must not be null");
		Objects.requireNonNull(runName, "'runName' must not be null");
		try {
			initialize();
			String experimentId = findExperiment(experimentName).orElseGet(() -> createExperiment(experimentName));
			String runId = UUID.randomUUID().toString().replace("-", "");
			Path runDirectory = this.root.resolve(experimentId).resolve(runId);
			for (String folder : new String[] { "metrics", "params", "tags", "artifacts" }) {
				Files.createDirectories(runDirectory.resolve(folder));
			}
			FileStoreRun run = new FileStoreRun(runDirectory, experimentId, runId, runName,
					System.getProperty("user.name", ""), this.clock, viewCommand());
			run.writeMeta(FileStoreRun.Status.RUNNING, null);
			Map<String, String> allTags = new LinkedHashMap<>();
			allTags.put("mlflow.runName", runName);
			allTags.put("mlflow.user", System.getProperty("user.name", ""));
			allTags.put("mlflow.source.name", "pokewatch training-service");
			allTags.put("mlflow.source.type", "LOCAL");
			if (tags != null) {
				allTags.putAll(tags);
			}
			run.setTags(allTags);
			logger.info("Tracking run {} in the local MLflow file store {} (no MLflow server). View it with: {}  "
					+ "or import it with: {}", runId, this.root, viewCommand(), migrateCommand());
			return run;
		}
		catch (IOException | UncheckedIOException ex) {
			throw new TrackingException(
					"Cannot start a run in the MLflow file store " + this.root + ": " + ex.getMessage(), ex);
		}
	}

	private void initialize() throws IOException {
		Files.createDirectories(this.root.resolve(".trash"));
		Path defaultMeta = this.root.resolve(DEFAULT_EXPERIMENT_ID).resolve("meta.yaml");
		if (!Files.exists(defaultMeta)) {
			Files.createDirectories(defaultMeta.getParent());
			writeExperimentMeta(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
		}
	}

	private Optional<String> findExperiment(String name) throws IOException {
		try (Stream<Path> children = Files.list(this.root)) {
			return children.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter((dir) -> Files.isRegularFile(dir.resolve("meta.yaml")))
				.filter((dir) -> isActiveExperimentNamed(dir.resolve("meta.yaml"), name))
				.map((dir) -> dir.getFileName().toString())
				.sorted()
				.findFirst();
		}
	}

	private boolean isActiveExperimentNamed(Path meta, String name) {
		try {
			JsonNode node = this.yaml.readTree(Files.readString(meta));
			return name.equals(node.path("name").asString(null))
					&& "active".equals(node.path("lifecycle_stage").asString("active"));
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Ignoring unreadable experiment metadata {}: {}", meta, ex.getMessage());
			return false;
		}
	}

	private String createExperiment(String name) {
		try {
			while (true) {
				String id = newExperimentId();
				try {
					Files.createDirectory(this.root.resolve(id));
				}
				catch (FileAlreadyExistsException ex) {
					continue;
				}
				writeExperimentMeta(id, name);
				Path tags = Files.createDirectories(this.root.resolve(id).resolve("tags"));
				// Opens the classic runs view in the MLflow 3 UI instead of the GenAI
				// one.
				FileStoreYaml.writeAtomically(tags.resolve("mlflow.experimentKind"), "custom_model_development",
						this.root.resolve(id));
				logger.info("Created experiment '{}' ({}) in the MLflow file store {}", name, id, this.root);
				return id;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An 18-digit id like MLflow's own: digit-only folder names are what its store
	 * detection and {@code mlflow migrate-filestore} look for.
	 * @return the id
	 */
	private String newExperimentId() {
		StringBuilder id = new StringBuilder().append(1 + this.random.nextInt(9));
		for (int i = 1; i < 18; i++) {
			id.append(this.random.nextInt(10));
		}
		return id.toString();
	}

	private void writeExperimentMeta(String id, String name) throws IOException {
		long now = this.clock.millis();
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("artifact_location", FileStoreYaml.fileUri(this.root.resolve(id)));
		meta.put("creation_time", now);
		meta.put("experiment_id", id);
		meta.put("last_update_time", now);
		meta.put("lifecycle_stage", "active");
		meta.put("name", name);
		FileStoreYaml.writeAtomically(this.root.resolve(id).resolve("meta.yaml"), FileStoreYaml.toYaml(meta));
	}

	@Override
	public synchronized void tagFinishedRun(String runId, Map<String, String> tags) {
		Objects.requireNonNull(runId, "'runId' must not be null");
		Objects.requireNonNull(tags, "'tags' must not be null");
		if (!runId.matches("[0-9a-f]{32}")) {
			throw new TrackingException("Not an MLflow run id: '" + runId + "'");
		}
		try (Stream<Path> experiments = Files.list(this.root)) {
			Path runDirectory = experiments.map((experiment) -> experiment.resolve(runId))
				.filter((candidate) -> Files.isRegularFile(candidate.resolve("meta.yaml")))
				.findFirst()
				.orElseThrow(
						() -> new TrackingException("Run " + runId + " is not in the MLflow file store " + this.root));
			// only the tag files are written: the run's meta.yaml (status, end time)
			// stays
			new FileStoreRun(runDirectory, runDirectory.getParent().getFileName().toString(), runId, "", "", this.clock,
					viewCommand())
				.setTags(tags);
		}
		catch (IOException ex) {
			throw new TrackingException(
					"Cannot tag run " + runId + " in the MLflow file store " + this.root + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String describe() {
		return "MLflow file store " + this.root + " (view: " + viewCommand() + ")";
	}

}
