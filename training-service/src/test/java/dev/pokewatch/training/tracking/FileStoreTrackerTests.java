package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FileStoreTracker}.
 */
class FileStoreTrackerTests {

	// Reads the store with Python's mlflow, the way `mlflow ui` would, and prints JSON.
	private static final String READER = """
			import json, sys
			from mlflow.tracking import MlflowClient
			client = MlflowClient(tracking_uri=sys.argv[1])
			experiment = client.get_experiment_by_name(sys.argv[2])
			result = {"experiments": sorted(e.name for e in client.search_experiments()),
			          "experiment_id": experiment.experiment_id, "runs": {}}
			for found in client.search_runs([experiment.experiment_id]):
			    run = client.get_run(found.info.run_id)
			    result["runs"][run.info.run_id] = {
			        "name": run.info.run_name, "status": run.info.status,
			        "start": run.info.start_time, "end": run.info.end_time,
			        "params": run.data.params, "metrics": run.data.metrics, "tags": run.data.tags,
			        "history": [[m.step, m.value] for m in client.get_metric_history(run.info.run_id, "grid_mape")],
			        "artifacts": sorted(a.path for a in client.list_artifacts(run.info.run_id)),
			        "model": sorted(a.path for a in client.list_artifacts(run.info.run_id, "model")),
			    }
			print("JSON:" + json.dumps(result))
			""";

	@TempDir
	private Path temp;

	@Test
	@Tag("integration")
	void startRunWhenRunsWrittenShouldBeReadableByPythonMlflow() throws Exception {
		FileStoreTracker tracker = new FileStoreTracker(this.temp.resolve("mlruns"));
		TrackedRun good = tracker.startRun("pokewatch_baseline", "baseline-1", Map.of("git_commit", "abc123"));
		good.logParams(Map.of("model_type", "median", "window_days", "30"));
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("mape", 0.125);
		metrics.put("tiny", 1.0E-5);
		metrics.put("broken", Double.NaN);
		good.logMetrics(metrics);
		good.logMetric("grid_mape", 0.3, 0);
		good.logMetric("grid_mape", 0.2, 1);
		Path model = Files.createDirectories(this.temp.resolve("baseline"));
		Files.writeString(model.resolve("model_metadata.json"), "{}");
		Files.writeString(Files.createDirectories(model.resolve("plots")).resolve("residuals.png"), "png");
		good.logArtifacts(model, "model");
		good.logArtifacts(Files.writeString(this.temp.resolve("report.json"), "{}"), "");
		good.end(true);
		TrackedRun bad = tracker.startRun("pokewatch_baseline", "baseline-2", Map.of());
		bad.end(false);

		JsonNode store = readWithPython(tracker.root(), "pokewatch_baseline");

		assertThat(store.path("experiments")).extracting(JsonNode::asString)
			.containsExactly("Default", "pokewatch_baseline");
		assertThat(store.path("experiment_id").asString()).isEqualTo(good.experimentId()).matches("[1-9][0-9]{17}");
		JsonNode first = store.path("runs").path(good.runId());
		assertThat(first.path("name").asString()).isEqualTo("baseline-1");
		assertThat(first.path("status").asString()).isEqualTo("FINISHED");
		assertThat(first.path("end").asLong()).isGreaterThanOrEqualTo(first.path("start").asLong()).isPositive();
		assertThat(first.path("params").path("model_type").asString()).isEqualTo("median");
		assertThat(first.path("params").path("window_days").asString()).isEqualTo("30");
		assertThat(first.path("params").size()).isEqualTo(2);
		assertThat(first.path("metrics").path("mape").asDouble()).isEqualTo(0.125);
		assertThat(first.path("metrics").path("tiny").asDouble()).isEqualTo(1.0E-5);
		assertThat(first.path("metrics").path("grid_mape").asDouble()).isEqualTo(0.2);
		assertThat(first.path("metrics").has("broken")).isFalse();
		assertThat(first.path("history")).extracting((point) -> point.get(0).asLong() + "=" + point.get(1).asDouble())
			.containsExactlyInAnyOrder("0=0.3", "1=0.2");
		assertThat(first.path("tags").path("git_commit").asString()).isEqualTo("abc123");
		assertThat(first.path("tags").path("mlflow.runName").asString()).isEqualTo("baseline-1");
		assertThat(first.path("artifacts")).extracting(JsonNode::asString).containsExactly("model", "report.json");
		assertThat(first.path("model")).extracting(JsonNode::asString)
			.containsExactly("model/model_metadata.json", "model/plots");
		assertThat(store.path("runs").path(bad.runId()).path("status").asString()).isEqualTo("FAILED");
	}

	@Test
	void startRunWhenStoreEmptyShouldCreateDefaultExperimentTrashAndReuseExperimentByName() throws IOException {
		FileStoreTracker tracker = new FileStoreTracker(this.temp.resolve("mlruns"));

		TrackedRun first = tracker.startRun("pokewatch_baseline", "a", Map.of());
		TrackedRun second = new FileStoreTracker(this.temp.resolve("mlruns")).startRun("pokewatch_baseline", "b",
				Map.of());
		TrackedRun other = tracker.startRun("other", "c", Map.of());

		Path root = tracker.root();
		assertThat(root.resolve(".trash")).isDirectory();
		assertThat(root.resolve("0/meta.yaml")).content()
			.contains("experiment_id: \"0\"")
			.contains("name: \"Default\"")
			.contains("lifecycle_stage: \"active\"");
		assertThat(second.experimentId()).isEqualTo(first.experimentId());
		assertThat(other.experimentId()).isNotEqualTo(first.experimentId());
		assertThat(first.runId()).matches("[0-9a-f]{32}");
		Path runDir = root.resolve(first.experimentId()).resolve(first.runId());
		assertThat(List.of("metrics", "params", "tags", "artifacts"))
			.allSatisfy((folder) -> assertThat(runDir.resolve(folder)).isDirectory());
		assertThat(runDir.resolve("meta.yaml")).content()
			.contains("status: 1\n")
			.contains("end_time: null\n")
			.contains("run_id: \"" + first.runId() + "\"")
			.contains("run_uuid: \"" + first.runId() + "\"")
			.contains("experiment_id: \"" + first.experimentId() + "\"");
		assertThat(first.artifactUri()).isEqualTo(runDir.resolve("artifacts").toUri().toString().replaceAll("/$", ""));
		assertThat(first.location()).contains(runDir.toString())
			.contains("MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + root);
	}

	@Test
	void logParamsWhenValueChangesShouldThrowButSameValueIsAccepted() {
		TrackedRun run = new FileStoreTracker(this.temp).startRun("e", "r", Map.of());
		run.logParams(Map.of("window_days", "30"));
		run.logParams(Map.of("window_days", "30"));

		assertThatExceptionOfType(TrackingException.class).isThrownBy(() -> run.logParams(Map.of("window_days", "60")))
			.withMessageContaining("window_days")
			.withMessageContaining(run.runId());
	}

	@Test
	void logMetricWhenKeyEscapesRunDirectoryShouldThrow() {
		TrackedRun run = new FileStoreTracker(this.temp).startRun("e", "r", Map.of());

		assertThatExceptionOfType(TrackingException.class).isThrownBy(() -> run.logMetric("../../escape", 1.0, 0))
			.withMessageContaining("../../escape");
		assertThat(this.temp.resolve("escape")).doesNotExist();
	}

	private static JsonNode readWithPython(Path root, String experiment) throws Exception {
		Path python = MlflowTestServer.venvExecutable("python");
		ProcessBuilder builder = new ProcessBuilder(python.toString(), "-c", READER, FileStoreYaml.fileUri(root),
				experiment)
			.redirectErrorStream(true);
		builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
		builder.environment().remove("MLFLOW_TRACKING_URI");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		String json = output.lines()
			.filter((line) -> line.startsWith("JSON:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No JSON from the mlflow reader:\n" + output))
			.substring("JSON:".length());
		return JsonMapper.builder().build().readTree(json);
	}

	@Test
	void tagFinishedRunWhenRunEndedShouldWriteTagFilesOnly(@TempDir Path store) throws IOException {
		FileStoreTracker tracker = new FileStoreTracker(store);
		TrackedRun run = tracker.startRun("pokewatch_baseline", "train-sma_7", Map.of());
		run.end(true);
		Path runDirectory = store.resolve(run.experimentId()).resolve(run.runId());
		String meta = Files.readString(runDirectory.resolve("meta.yaml"));

		tracker.tagFinishedRun(run.runId(), Map.of("gate.outcome", "passed"));

		assertThat(runDirectory.resolve("tags/gate.outcome")).hasContent("passed");
		assertThat(runDirectory.resolve("meta.yaml")).hasContent(meta);
		assertThatExceptionOfType(TrackingException.class)
			.isThrownBy(() -> tracker.tagFinishedRun("0".repeat(32), Map.of("gate.outcome", "failed")))
			.withMessageContaining("is not in the MLflow file store");
	}

}
