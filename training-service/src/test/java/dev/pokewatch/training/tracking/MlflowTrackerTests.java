package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlflowTracker}, against a real {@code mlflow server}.
 */
@Tag("integration")
class MlflowTrackerTests {

	private MlflowTestServer server;

	private MlflowTracker tracker;

	private MlflowServerApi api;

	@BeforeEach
	void setUp() {
		this.server = MlflowTestServer.get();
		this.tracker = new MlflowTracker(new MlflowConnection(this.server.uri(), null, null, null,
				Duration.ofSeconds(5), Duration.ofSeconds(60)));
		this.api = new MlflowServerApi(this.server.uri());
	}

	@Test
	void startRunWhenParamsMetricsAndTagsLoggedShouldAppearInServerRunAsFinished() {
		TrackedRun run = this.tracker.startRun(experimentName(), "baseline-1", Map.of("git_commit", "abc123"));
		run.logParams(Map.of("model_type", "median", "window_days", "30"));
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("mape", 0.125);
		metrics.put("coverage", 0.9);
		metrics.put("broken", Double.NaN);
		run.logMetrics(metrics);
		run.logMetric("grid_mape", 0.3, 0);
		run.logMetric("grid_mape", 0.2, 1);
		run.setTags(Map.of("data_hash", "d41d8c"));
		run.end(true);

		JsonNode stored = this.api.run(run.runId());
		assertThat(stored.path("info").path("status").asString()).isEqualTo("FINISHED");
		assertThat(stored.path("info").path("end_time").asLong()).isPositive();
		assertThat(stored.path("info").path("run_name").asString()).isEqualTo("baseline-1");
		assertThat(stored.path("info").path("experiment_id").asString()).isEqualTo(run.experimentId());
		assertThat(MlflowServerApi.keyValues(stored.path("data").path("params")))
			.containsOnly(Map.entry("model_type", "median"), Map.entry("window_days", "30"));
		assertThat(MlflowServerApi.keyValues(stored.path("data").path("tags"))).containsEntry("git_commit", "abc123")
			.containsEntry("data_hash", "d41d8c")
			.containsEntry("mlflow.runName", "baseline-1");
		Map<String, Double> latest = new LinkedHashMap<>();
		stored.path("data")
			.path("metrics")
			.forEach((m) -> latest.put(m.path("key").asString(), m.path("value").asDouble()));
		assertThat(latest).containsOnly(Map.entry("mape", 0.125), Map.entry("coverage", 0.9),
				Map.entry("grid_mape", 0.2));
		JsonNode history = this.api
			.getJson("/api/2.0/mlflow/metrics/get-history?run_id=" + run.runId() + "&metric_key=grid_mape");
		assertThat(history.path("metrics")).extracting((m) -> m.path("step").asLong())
			.containsExactlyInAnyOrder(0L, 1L);
		assertThat(run.location())
			.isEqualTo(this.server.uri() + "/#/experiments/" + run.experimentId() + "/runs/" + run.runId());
		assertThat(run.artifactUri()).startsWith("mlflow-artifacts:/");
	}

	@Test
	void endWhenNotSuccessfulShouldMarkRunFailed() {
		TrackedRun run = this.tracker.startRun(experimentName(), "doomed", Map.of());
		run.end(false);

		assertThat(this.api.run(run.runId()).path("info").path("status").asString()).isEqualTo("FAILED");
	}

	@Test
	void logParamsWhenMoreThanOneBatchShouldLogAllParamsMetricsAndTags() {
		TrackedRun run = this.tracker.startRun(experimentName(), "many", Map.of());
		Map<String, String> params = new LinkedHashMap<>();
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < 230; i++) {
			params.put("p" + i, "v" + i);
			tags.put("t" + i, "w" + i);
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		for (int i = 0; i < 1100; i++) {
			metrics.put("m" + i, (double) i);
		}
		run.logParams(params);
		run.setTags(tags);
		run.logMetrics(metrics);

		JsonNode data = this.api.run(run.runId()).path("data");
		assertThat(MlflowServerApi.keyValues(data.path("params"))).isEqualTo(params);
		assertThat(MlflowServerApi.keyValues(data.path("tags"))).containsAllEntriesOf(tags);
		assertThat(data.path("metrics").size()).isEqualTo(1100);
	}

	@Test
	void logArtifactsWhenDirectoryShouldBeListedAndDownloadableWithSameBytes(@TempDir Path temp) throws IOException {
		Path model = Files.createDirectories(temp.resolve("baseline"));
		byte[] binary = new byte[70_000];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) (i * 31);
		}
		Files.write(model.resolve("model.bin"), binary);
		Files.writeString(Files.createDirectories(model.resolve("plots")).resolve("residuals 1.csv"), "a,b\n1,2\n");
		Path report = Files.writeString(temp.resolve("report.json"), "{\"mape\":0.1}");
		TrackedRun run = this.tracker.startRun(experimentName(), "artifacts", Map.of());

		run.logArtifacts(model, "model");
		run.logArtifacts(report, "");
		run.end(true);

		String root = run.artifactUri().substring("mlflow-artifacts:".length()).replaceAll("^/+", "");
		JsonNode listing = this.api
			.getJson("/api/2.0/mlflow-artifacts/artifacts?path=" + MlflowServerApi.query(root + "/model"));
		assertThat(listing.path("files")).extracting((f) -> f.path("path").asString())
			.containsExactlyInAnyOrder("model.bin", "plots");
		JsonNode plots = this.api
			.getJson("/api/2.0/mlflow-artifacts/artifacts?path=" + MlflowServerApi.query(root + "/model/plots"));
		assertThat(plots.path("files")).extracting((f) -> f.path("path").asString()).containsExactly("residuals 1.csv");
		HttpResponse<byte[]> download = this.api
			.get("/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/model.bin");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(binary);
		HttpResponse<byte[]> csv = this.api
			.get("/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/plots/residuals%201.csv");
		assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
		HttpResponse<byte[]> json = this.api.get("/api/2.0/mlflow-artifacts/artifacts/" + root + "/report.json");
		assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"mape\":0.1}");
	}

	@Test
	void startRunWhenExperimentCreatedConcurrentlyShouldUseOneExperiment() throws Exception {
		String name = experimentName();
		List<Callable<TrackedRun>> starts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			starts.add(() -> this.tracker.startRun(name, "parallel", Map.of()));
		}
		List<String> experimentIds = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
			for (Future<TrackedRun> started : executor.invokeAll(starts)) {
				experimentIds.add(started.get().experimentId());
			}
		}

		JsonNode experiment = this.api
			.getJson("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + MlflowServerApi.query(name));
		assertThat(experimentIds).containsOnly(experiment.path("experiment").path("experiment_id").asString());
	}

	@Test
	void logArtifactsWhenPathMissingShouldThrowTrackingException(@TempDir Path temp) {
		TrackedRun run = this.tracker.startRun(experimentName(), "missing", Map.of());

		assertThatExceptionOfType(TrackingException.class)
			.isThrownBy(() -> run.logArtifacts(temp.resolve("nope"), "model"))
			.withMessageContaining("nope");
	}

	@Test
	void tagFinishedRunWhenRunEndedShouldStillSetTags() {
		TrackedRun run = this.tracker.startRun(experimentName(), "gate-1", Map.of());
		run.end(true);

		this.tracker.tagFinishedRun(run.runId(), Map.of("gate.outcome", "failed", "gate.reason", "mape 3 is not <= 2"));

		JsonNode stored = this.api.run(run.runId());
		assertThat(stored.path("info").path("status").asString()).isEqualTo("FINISHED");
		assertThat(MlflowServerApi.keyValues(stored.path("data").path("tags"))).containsEntry("gate.outcome", "failed")
			.containsEntry("gate.reason", "mape 3 is not <= 2");
	}

	@Test
	@Timeout(30)
	void startRunWhenServerUnreachableShouldThrowTrackingExceptionNamingServer() throws IOException {
		URI closed = URI.create("http://127.0.0.1:" + TestEnvironment.freePort());
		MlflowTracker unreachable = new MlflowTracker(
				new MlflowConnection(closed, null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(5)));

		assertThatExceptionOfType(TrackingException.class)
			.isThrownBy(() -> unreachable.startRun("pokewatch_baseline", "r", Map.of()))
			.withMessageContaining("Cannot reach MLflow server " + closed)
			.withMessageContaining("experiments/get-by-name");
	}

	private static String experimentName() {
		return "tracker-test-" + UUID.randomUUID();
	}

}
