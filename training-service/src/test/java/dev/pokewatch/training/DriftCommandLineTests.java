package dev.pokewatch.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.pokewatch.common.drift.DriftSummary;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.training.drift.DriftMarket;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.validate.ModelUpdatePublisher;
import dev.pokewatch.training.validate.RedisProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code drift} command of {@link TrainingCommandLine}, end to end on a
 * temporary workspace: real processed and features Parquet files, a params.yaml, the
 * report on disk and an in-memory tracker.
 */
class DriftCommandLineTests {

	private static final int DAYS = 150;

	private static final LocalDate LAST_DAY = DriftMarket.FIRST_DAY.plusDays(DAYS - 1);

	@TempDir
	Path root;

	private final FakeTracking tracking = new FakeTracking();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void driftWhenTheMarketIsUnchangedShouldWriteAnOkReportAndExitZero() throws IOException {
		List<CardSeries> market = DriftMarket.series(3, 40, DAYS, 0, 1);
		workspace(market, market);
		assertThat(run("drift", "--params", params().toString())).as(errors()).isZero();
		JsonNode report = report();
		assertThat(report.get("status").asString()).isEqualTo("ok");
		assertThat(report.get("reasons").size()).isZero();
		assertThat(report.get("latest_day").asString()).isEqualTo(LAST_DAY.toString());
		assertThat(report.get("model_version").asString()).isEqualTo("sma_7-test");
		assertThat(report.at("/current_window/from").asString()).isEqualTo(LAST_DAY.minusDays(29).toString());
		assertThat(report.at("/psi/returns/chase/status").asString()).isEqualTo("ok");
		assertThat(report.at("/psi/returns/chase/psi").asDouble()).isBetween(0.0, 0.1);
		assertThat(report.at("/psi/deviation/sealed/bins").asInt()).isEqualTo(10);
		assertThat(report.at("/live_error/status").asString()).isEqualTo("ok");
		assertThat(report.at("/hit_rate/status").asString()).isEqualTo("insufficient_data");
		assertThat(report.at("/hit_rate/hit_rate").isNull()).isTrue();
		assertThat(report.at("/thresholds/psi_drift").asDouble()).isEqualTo(0.25);
		assertThat(output()).contains("Status     OK", "Report     " + this.root.resolve("reports/drift.json"))
			.containsPattern("  category +returns +deviation")
			.containsPattern("  chase +0\\.\\d+ ok +0\\.\\d+ ok");
		FakeTracking.Run run = this.tracking.runs.get(0);
		assertThat(run.location()).startsWith("memory:pokewatch_drift/");
		assertThat(run.artifacts).containsExactly("reports/drift.json");
		assertThat(run.tags).containsEntry("drift.status", "ok").containsEntry("model_version", "sma_7-test");
		assertThat(run.metrics).containsKeys("psi_returns_chase", "psi_deviation_sealed", "live_mape")
			.containsEntry("drift_severity", 0.0);
		assertThat(run.success).isTrue();
	}

	@Test
	void driftWhenChaseReturnsAreScaledShouldReportDriftAndStillExitZero() throws IOException {
		List<CardSeries> calm = DriftMarket.series(3, 40, DAYS, 0, 1);
		workspace(DriftMarket.series(3, 40, DAYS, 30, 3), calm);
		assertThat(run("drift", "--params", params().toString())).as(errors()).isZero();
		JsonNode report = report();
		assertThat(report.get("status").asString()).isEqualTo("drift");
		assertThat(report.at("/psi/returns/chase/status").asString()).isEqualTo("drift");
		assertThat(report.at("/psi/returns/sealed/status").asString()).isEqualTo("ok");
		assertThat(report.get("reasons").get(0).asString()).startsWith("PSI of ");
		assertThat(report.get("max_psi").asDouble()).isGreaterThan(0.25);
		assertThat(output()).contains("Status     DRIFT", "  PSI of returns in chase is ");
		assertThat(this.tracking.runs.get(0).tags).containsEntry("drift.status", "drift");
		// what serving-api and the scheduler read from it (one reader in common-model)
		DriftSummary summary = DriftSummary.read(this.root.resolve("reports/drift.json"));
		assertThat(summary.level()).isEqualTo(2);
		assertThat(summary.generatedAt()).isEqualTo(Instant.parse(report.get("generated_at").asString()));
		assertThat(summary.modelVersion()).isEqualTo(report.get("model_version").asString());
		assertThat(summary.psi().get("returns").get("chase")).isEqualTo(report.at("/psi/returns/chase/psi").asDouble());
		List<String> withPsi = report.at("/psi/deviation")
			.properties()
			.stream()
			.filter((category) -> category.getValue().path("psi").isNumber())
			.map(Map.Entry::getKey)
			.toList();
		assertThat(withPsi).isNotEmpty();
		assertThat(summary.psi().get("deviation")).containsOnlyKeys(withPsi);
		assertThat(summary.liveErrorStatus()).isEqualTo(report.at("/live_error/status").asString());
		assertThat(summary.hitRateStatus()).isEqualTo(report.at("/hit_rate/status").asString());
	}

	@Test
	void driftWhenTrackingFailsShouldStillWriteTheReportAndExitZero() throws IOException {
		List<CardSeries> market = DriftMarket.series(3, 40, DAYS, 0, 1);
		workspace(market, market);
		this.tracking.failWith = "connection refused";
		assertThat(run("drift", "--params", params().toString())).isZero();
		assertThat(this.root.resolve("reports/drift.json")).exists();
		assertThat(output()).contains("Tracking   failed: ");
	}

	@Test
	void driftWhenTheServedModelIsMissingShouldExitTwoNamingTheFile() throws IOException {
		List<CardSeries> market = DriftMarket.series(3, 5, DAYS, 0, 1);
		DriftMarket.writeProcessed(this.root.resolve("data/processed"), market);
		assertThat(run("drift", "--params", params().toString())).isEqualTo(2);
		assertThat(errors()).contains(
				"drift: " + this.root.resolve("models/baseline").resolve(ModelMetadata.FILE_NAME) + ": not found");
		assertThat(this.root.resolve("reports/drift.json")).doesNotExist();
	}

	@Test
	void driftWhenAProcessedFileIsNotParquetShouldExitTwoNamingTheFile() throws IOException {
		List<CardSeries> market = DriftMarket.series(3, 5, DAYS, 0, 1);
		workspace(market, market);
		Path broken = this.root.resolve("data/processed/set_beta.parquet");
		Files.writeString(broken, "not parquet");
		assertThat(run("drift", "--params", params().toString())).isEqualTo(2);
		assertThat(errors()).contains("drift: bad processed file " + broken);
	}

	@Test
	void driftWhenNoProcessedDataShouldExitTwoNamingTheDirectory() throws IOException {
		List<CardSeries> market = DriftMarket.series(3, 5, DAYS, 0, 1);
		DriftMarket.writeModel(this.root.resolve("models/baseline"), market, Map.of("mape", 1.0), LAST_DAY);
		assertThat(run("drift", "--params", params().toString())).isEqualTo(2);
		assertThat(errors()).contains(this.root.resolve("data/processed") + ": processed data directory not found");
	}

	@Test
	void driftWithPreprocessShouldJudgeTheNewlyCollectedDays() throws IOException {
		Path params = trainOnSeventyDays();
		// ten more days collected: raw files only, as the scheduler's collect job writes
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 80);
		assertThat(run("drift", "--params", params.toString())).isZero();
		assertThat(report().get("latest_day").asString()).isEqualTo(TestData.FIRST_DAY.plusDays(69).toString());

		assertThat(run("drift", "--params", params.toString(), "--preprocess")).as(errors()).isZero();

		assertThat(report().get("latest_day").asString()).isEqualTo(TestData.FIRST_DAY.plusDays(79).toString());
		assertThat(output()).contains("Preprocessing");
	}

	@Test
	void driftShouldJudgeTheSameFromTheBinaryFeaturesFileAsFromParquet() throws IOException {
		Path params = trainOnSeventyDays();
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 80);
		assertThat(run("preprocess", "--params", params.toString())).isZero();
		Path binary = this.root.resolve("models/baseline/features.bin");
		assertThat(binary).as("validate promoted the binary features file with the model").isRegularFile();

		assertThat(run("drift", "--params", params.toString())).as(errors()).isZero();
		JsonNode fromBinary = report();
		Files.delete(binary);
		assertThat(run("drift", "--params", params.toString())).as(errors()).isZero();
		JsonNode fromParquet = report();

		((ObjectNode) fromBinary).remove("generated_at");
		((ObjectNode) fromParquet).remove("generated_at");
		assertThat(fromBinary).isEqualTo(fromParquet);
		assertThat(fromBinary.get("current_window")).isNotNull();
	}

	/**
	 * Writes the processed data and a served model trained on {@code trainedOn} up to the
	 * last day, with the training MAPE it shows there.
	 */
	private void workspace(List<CardSeries> market, List<CardSeries> trainedOn) throws IOException {
		Path modelDir = this.root.resolve("models/baseline");
		DriftMarket.writeProcessed(this.root.resolve("data/processed"), trainedOn);
		DriftMarket.writeModel(modelDir, trainedOn, Map.of("mape", 1.0), LAST_DAY);
		run("drift", "--params", params().toString());
		double mape = report().at("/live_error/mape").asDouble();
		DriftMarket.writeModel(modelDir, trainedOn, Map.of("mape", mape, "signal_hit_rate_7d", 0.5), LAST_DAY);
		DriftMarket.writeProcessed(this.root.resolve("data/processed"), market);
		this.out.reset();
		this.err.reset();
		this.tracking.runs.clear();
	}

	/**
	 * Collects 70 days of 3 sets and runs the pipeline on them: the served model in
	 * models/baseline.
	 */
	private Path trainOnSeventyDays() throws IOException {
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 70);
		Path params = params();
		assertThat(run("preprocess", "--params", params.toString())).isZero();
		assertThat(run("train", "--params", params.toString())).isZero();
		assertThat(run("validate", "--params", params.toString())).isZero();
		return params;
	}

	private Path params() throws IOException {
		return TestData.writeParams(this.root, "");
	}

	private JsonNode report() throws IOException {
		return JsonMapper.builder().build().readTree(Files.readString(this.root.resolve("reports/drift.json")));
	}

	private int run(String... args) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("tracking", this.tracking);
		ModelUpdatePublisher publisher = new ModelUpdatePublisher(new DataRedisProperties(),
				beans.getBeanProvider(StringRedisTemplate.class),
				new RedisProperties(ModelUpdateMessage.DEFAULT_CHANNEL, TestData.ONLINE_FEATURES));
		TrainingCommandLine commandLine = new TrainingCommandLine(beans.getBeanProvider(ExperimentTracker.class),
				beans.getBeanProvider(ModelRegistry.class), publisher);
		return commandLine.execute(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), args);
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String errors() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
