package dev.pokewatch.training;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.MlflowTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrainingApplication} end to end against a real {@code mlflow server}:
 * the tracking beans are the application's own, chosen from the tracking URI.
 */
@Tag("integration")
class TrainingMlflowEndToEndTests {

	@TempDir
	Path root;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void trainAndValidateWhenMlflowServerShouldLogRunRegisterAndKeepChampionOnFailedGate() throws Exception {
		URI mlflow = MlflowTestServer.get().uri();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String names = "  experiment: e2e_" + suffix + "\n  registered_model: pokewatch-e2e-" + suffix + "\n";
		TestData.writeRaw(this.root.resolve("data/raw"), 2, 60);
		Path params = TestData.writeParams(this.root, "");
		java.nio.file.Files.writeString(params,
				java.nio.file.Files.readString(params).replace("train:\n", "train:\n" + names));
		assertThat(app(mlflow, "preprocess", "--params", params.toString())).isZero();
		assertThat(app(mlflow, "train", "--params", params.toString())).isZero();
		ModelMetadata candidate = ModelFiles.readMetadata(this.root.resolve("models/candidate"));
		assertThat(candidate.mlflowRunId()).matches("[0-9a-f]{32}");

		JsonNode run = get(mlflow, "/api/2.0/mlflow/runs/get?run_id=" + candidate.mlflowRunId()).path("run");
		assertThat(run.path("info").path("status").asString()).isEqualTo("FINISHED");
		assertThat(run.path("info").path("experiment_id").asString()).isEqualTo(candidate.mlflowExperimentId());
		assertThat(keys(run.path("data").path("params"))).contains("model_type", "window_size", "buy_threshold_pct",
				"grid_windows", "holdout_days");
		assertThat(keys(run.path("data").path("metrics"))).contains("mape", "naive_mape", "legacy_insample_mape",
				"coverage_rate", "grid_sma_3_pct_10_15_selection_mape");
		assertThat(keys(run.path("data").path("tags"))).contains("data_hash", "model_type");
		assertThat(artifacts(mlflow, candidate.mlflowRunId(), "model")).contains("model/features.parquet",
				"model/model_metadata.json");
		assertThat(artifacts(mlflow, candidate.mlflowRunId(), "plots")).contains("plots/price_vs_fair.png");
		assertThat(artifacts(mlflow, candidate.mlflowRunId(), "reports")).contains("reports/metrics.json");

		assertThat(app(mlflow, "validate", "--params", params.toString())).isZero();
		String model = "pokewatch-e2e-" + suffix;
		JsonNode champion = get(mlflow, "/api/2.0/mlflow/registered-models/alias?name=" + model + "&alias=champion")
			.path("model_version");
		assertThat(champion.path("run_id").asString()).isEqualTo(candidate.mlflowRunId());
		String championVersion = champion.path("version").asString();
		assertThat(tags(mlflow, candidate.mlflowRunId())).containsEntry("gate.outcome", "passed");

		Path strict = TestData.writeParams(this.root, "gate:\n  mape_max: 0.0001\n");
		java.nio.file.Files.writeString(strict,
				java.nio.file.Files.readString(strict).replace("train:\n", "train:\n" + names));
		assertThat(app(mlflow, "train", "--params", strict.toString())).isZero();
		assertThat(app(mlflow, "validate", "--params", strict.toString())).isEqualTo(3);
		JsonNode after = get(mlflow, "/api/2.0/mlflow/registered-models/alias?name=" + model + "&alias=champion")
			.path("model_version");
		assertThat(after.path("version").asString()).isEqualTo(championVersion);
		String refused = ModelFiles.readMetadata(this.root.resolve("models/candidate")).mlflowRunId();
		assertThat(tags(mlflow, refused)).containsEntry("gate.outcome", "failed")
			.hasEntrySatisfying("gate.reason", (reason) -> assertThat(reason).contains("mape"));
		assertThat(ModelFiles.readMetadata(this.root.resolve("models/baseline")).mlflowRunId())
			.isEqualTo(candidate.mlflowRunId());
	}

	private int app(URI mlflow, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		// command-line properties outrank application.yml's ${MLFLOW_TRACKING_URI:}
		all.add("--training.tracking.uri=" + mlflow);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TrainingApplication.class)
			.web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
		return SpringApplication.exit(context);
	}

	private JsonNode get(URI base, String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private List<String> artifacts(URI base, String runId, String path) throws IOException, InterruptedException {
		JsonNode files = get(base, "/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path="
				+ URLEncoder.encode(path, StandardCharsets.UTF_8))
			.path("files");
		List<String> paths = new ArrayList<>();
		files.forEach((file) -> paths.add(file.path("path").asString()));
		return paths;
	}

	private Map<String, String> tags(URI base, String runId) throws IOException, InterruptedException {
		Map<String, String> tags = new HashMap<>();
		get(base, "/api/2.0/mlflow/runs/get?run_id=" + runId).path("run")
			.path("data")
			.path("tags")
			.forEach((tag) -> tags.put(tag.path("key").asString(), tag.path("value").asString()));
		return tags;
	}

	private static List<String> keys(JsonNode array) {
		List<String> keys = new ArrayList<>();
		array.forEach((entry) -> keys.add(entry.path("key").asString()));
		return keys;
	}

}
