package dev.pokewatch.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.pokewatch.common.feature.ProcessedFeaturesCodec;
import dev.pokewatch.common.feature.ProcessedPriceRow;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.parquet.ParquetFiles;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.ModelRegistry;
import dev.pokewatch.training.validate.ModelUpdatePublisher;
import dev.pokewatch.training.validate.RedisProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrainingCommandLine}: the three commands end to end on generated raw
 * files, with real Parquet files and an in-memory tracker.
 */
class TrainingCommandLineTests {

	@TempDir
	Path root;

	private final FakeTracking tracking = new FakeTracking();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void preprocessWhenRawFilesShouldWriteOneDeduplicatedFilePerSet() throws IOException {
		Path raw = this.root.resolve("data/raw");
		TestData.writeRaw(raw, 2, 30);
		// a later file re-collects day 1 of card 0: the later collected_at wins
		RawPriceRow first = TestData.row("set_alpha_card_0", "Set Alpha", TestData.FIRST_DAY, 25.5, "chase");
		RawPricesCodec.write(raw.resolve("set_alpha_prices_2026-03-01.parquet"),
				List.of(new RawPriceRow(first.cardId(), first.cardNumber(), first.cardName(), first.setId(),
						first.setName(), first.date(), first.marketPrice(), first.category(), first.rarity(),
						first.tcgplayerId(), first.source(), null, null, null, "USD",
						Instant.parse("2026-03-01T20:00:00Z"))));
		assertThat(run("preprocess", "--params", params("").toString())).isZero();
		List<ProcessedPriceRow> alpha = ProcessedFeaturesCodec
			.read(this.root.resolve("data/processed/set_alpha.parquet"));
		assertThat(alpha).hasSize(2 * 30);
		assertThat(alpha.get(0).raw().marketPrice()).isEqualTo(25.5);
		assertThat(this.root.resolve("data/processed/set_beta.parquet")).exists();
		// one summary for all sets on the console (per-set lines go to the log)
		assertThat(output()).containsPattern("Sets written +2 +in ")
			.containsPattern("Rows +120 +\\(1 duplicate\\(s\\) dropped\\)")
			.doesNotContain("set_alpha");
	}

	@Test
	void preprocessWhenCorruptFileShouldExitTwoNamingIt() throws IOException {
		Path raw = this.root.resolve("data/raw");
		TestData.writeRaw(raw, 1, 5);
		Files.write(raw.resolve("set_beta_prices_2026-01-03.parquet"), "not parquet".getBytes());
		assertThat(run("preprocess", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("set_beta_prices_2026-01-03.parquet").contains("--skip-bad-files");
		assertThat(this.root.resolve("data/processed/set_beta.parquet")).doesNotExist();
	}

	@Test
	void preprocessWhenOneSetHasACorruptFileShouldLeaveEveryProcessedFileAsItWas() throws IOException {
		Path raw = this.root.resolve("data/raw");
		Path processed = this.root.resolve("data/processed");
		TestData.writeRaw(raw, 1, 5);
		assertThat(run("preprocess", "--params", params("").toString())).isZero();
		Map<Path, byte[]> before = new HashMap<>();
		try (Stream<Path> files = Files.list(processed)) {
			for (Path file : files.toList()) {
				before.put(file.getFileName(), Files.readAllBytes(file));
			}
		}
		assertThat(before).hasSizeGreaterThanOrEqualTo(2);
		// a new day for every set, then one corrupt file in one set: nothing may change
		TestData.writeRaw(raw, 1, 6);
		Files.write(raw.resolve("set_beta_prices_2026-01-03.parquet"), "not parquet".getBytes());
		assertThat(run("preprocess", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("set_beta_prices_2026-01-03.parquet");
		try (Stream<Path> files = Files.list(processed)) {
			assertThat(files.map(Path::getFileName)).containsExactlyInAnyOrderElementsOf(before.keySet());
		}
		for (Map.Entry<Path, byte[]> file : before.entrySet()) {
			assertThat(processed.resolve(file.getKey())).as("%s after the failed run", file.getKey())
				.hasBinaryContent(file.getValue());
		}
		try (Stream<Path> siblings = Files.list(processed.getParent())) {
			assertThat(siblings.map((p) -> p.getFileName().toString())).noneMatch((n) -> n.contains("staging"));
		}
	}

	@Test
	void preprocessWhenSkipBadFilesShouldSkipAndReportThem() throws IOException {
		Path raw = this.root.resolve("data/raw");
		TestData.writeRaw(raw, 1, 5);
		Files.write(raw.resolve("set_beta_prices_2026-01-03.parquet"), "not parquet".getBytes());
		assertThat(run("preprocess", "--params", params("").toString(), "--skip-bad-files")).isZero();
		assertThat(output()).contains("Skipped 1 bad raw file(s)").contains("set_beta_prices_2026-01-03.parquet");
		assertThat(ProcessedFeaturesCodec.read(this.root.resolve("data/processed/set_beta.parquet"))).hasSize(4);
	}

	@Test
	void preprocessWhenSchemaDriftedShouldExitTwoNamingFileAndColumn() throws IOException {
		Path raw = this.root.resolve("data/raw");
		TestData.writeRaw(raw, 1, 3);
		Schema drifted = SchemaBuilder.record("raw")
			.fields()
			.requiredString("card_id")
			.requiredInt("date")
			.requiredString("price")
			.endRecord();
		Path file = raw.resolve("set_alpha_prices_2026-01-02.parquet");
		ParquetFiles.writeAtomically(file, drifted, List.of("x"), (v) -> {
			GenericData.Record record = new GenericData.Record(drifted);
			record.put("card_id", v);
			record.put("date", 1);
			record.put("price", "12");
			return record;
		});
		assertThat(run("preprocess", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("set_alpha_prices_2026-01-02.parquet").contains("'market_price'");
	}

	@Test
	void preprocessWhenRawDirMissingShouldExitTwo() throws IOException {
		assertThat(run("preprocess", "--raw-dir", this.root.resolve("nowhere").toString(), "--params",
				params("").toString()))
			.isEqualTo(2);
		assertThat(errors()).contains("nowhere");
	}

	@Test
	void trainThenValidateShouldWriteCandidatePromoteAndSetChampion() throws IOException {
		Path params = prepare();
		assertThat(run("train", "--params", params.toString())).isZero();
		Path candidate = this.root.resolve("models/candidate");
		ModelMetadata metadata = ModelFiles.readMetadata(candidate);
		FakeTracking.Run run = this.tracking.runs.get(0);
		assertThat(metadata.mlflowRunId()).isEqualTo(run.runId());
		assertThat(metadata.dataHash()).hasSize(64);
		assertThat(metadata.cardsCount()).isEqualTo(6);
		assertThat(metadata.metrics()).containsKeys("mape", "rmse", "coverage_rate", "naive_mape",
				"legacy_insample_mape", "buy_rate", "sell_rate", "hold_rate", "mape_chase", "mape_grail",
				"base_up_rate_7d", "buy_signals_7d", "sell_signals_7d");
		assertThat(metadata.metrics().values()).allMatch(Double::isFinite);
		List<ServedFeaturesCodec.Row> features = ServedFeaturesCodec.readRows(candidate.resolve("features.parquet"));
		assertThat(features).hasSize(2 * 3 * 70 - 6);
		assertThat(features).filteredOn(ServedFeaturesCodec.Row::outlier)
			.extracting(ServedFeaturesCodec.Row::marketPrice)
			.contains(0.0);
		assertThat(features).filteredOn((r) -> r.fairPrice() != null).hasSizeGreaterThan(features.size() - 12);
		Map<String, Object> reportKeys = readJson(this.root.resolve("reports/metrics.json"));
		assertThat(reportKeys).containsKeys("mape", "naive_mape", "grid");
		assertThat(this.root.resolve("reports/plots")).isDirectoryContaining("glob:**/error_histogram.png")
			.isDirectoryContaining("glob:**/true_vs_fair.png")
			.isDirectoryContaining("glob:**/signal_distribution.png")
			.isDirectoryContaining("glob:**/price_vs_fair.png")
			.isDirectoryContaining("glob:**/predictions.csv");
		assertThat(run.params).containsKeys("model_type", "window_size", "buy_threshold_pct", "grid_windows",
				"holdout_days");
		assertThat(run.metrics).containsKeys("mape", "naive_mape", "grid_sma_3_pct_10_15_selection_mape",
				"grid_median_14_momentum_z_2.0_selection_mape", "horizon_mape_7d");
		assertThat(run.metrics).containsKeys("buy_signals_7d", "sell_signals_7d");
		assertThat(run.metrics.values()).allMatch(Double::isFinite);
		assertThat(output()).containsAnyOf("BUY ", "no BUY/SELL signal");
		assertThat(run.tags).containsKeys("data_hash", "model_type", "window_size");
		assertThat(run.artifacts).contains("model/features.parquet", "model/model_metadata.json",
				"plots/price_vs_fair.png", "reports/metrics.json");
		assertThat(run.success).isTrue();
		assertThat(output()).contains("Run logged: memory:pokewatch_baseline/");

		assertThat(run("validate", "--params", params.toString())).isZero();
		Path baseline = this.root.resolve("models/baseline");
		assertThat(snapshot(baseline)).isEqualTo(snapshot(candidate));
		assertThat(this.tracking.aliases).containsEntry("pokewatch-baseline@champion", "1");
		assertThat(run.tags).containsEntry("gate.outcome", "passed");
		assertThat(this.root.resolve("models")).isDirectoryNotContaining("glob:**/.baseline-*");
	}

	@Test
	void retrainShouldWriteWhatTheThreeCommandsWriteOneByOne() throws IOException {
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 70);
		Path params = params("");
		assertThat(run("retrain", "--params", params.toString())).as(errors()).isZero();
		String console = output();
		byte[] metrics = Files.readAllBytes(this.root.resolve("reports/metrics.json"));
		Map<String, String> processed = snapshot(this.root.resolve("data/processed"));
		Path baseline = this.root.resolve("models/baseline");
		assertThat(snapshot(baseline)).isEqualTo(snapshot(this.root.resolve("models/candidate")));
		assertThat(console.indexOf("Sets written")).isNotNegative()
			.isLessThan(console.indexOf("Run logged"))
			.isLessThan(console.indexOf("Promoted"));
		assertThat(console).containsPattern("Retrain took preprocess [0-9.]+ s, train [0-9.]+ s, validate [0-9.]+ s");

		assertThat(run("preprocess", "--params", params.toString())).isZero();
		assertThat(run("train", "--params", params.toString())).isZero();
		assertThat(snapshot(this.root.resolve("data/processed"))).isEqualTo(processed);
		assertThat(Files.readAllBytes(this.root.resolve("reports/metrics.json"))).isEqualTo(metrics);
	}

	@Test
	void retrainWhenPreprocessFailsShouldStopThereWithItsExitCode() throws IOException {
		Path raw = this.root.resolve("data/raw");
		TestData.writeRaw(raw, 2, 30);
		Files.writeString(raw.resolve("set_alpha_prices_2026-03-09.parquet"), "not parquet");
		assertThat(run("retrain", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("set_alpha_prices_2026-03-09.parquet");
		assertThat(this.root.resolve("models/candidate")).doesNotExist();
		assertThat(this.root.resolve("models/baseline")).doesNotExist();
	}

	@Test
	@SuppressWarnings("unchecked")
	void validateWhenGateRefusesShouldExitThreeAndLeaveBaselineAndChampionUntouched() throws IOException {
		Path params = prepare();
		assertThat(run("train", "--params", params.toString())).isZero();
		assertThat(run("validate", "--params", params.toString())).isZero();
		Path baseline = this.root.resolve("models/baseline");
		Map<String, String> before = snapshot(baseline);
		Path strict = params("gate:\n  mape_max: 0.0001\n");
		assertThat(run("train", "--params", strict.toString())).isZero();
		assertThat(run("validate", "--params", strict.toString())).isEqualTo(3);
		assertThat(errors()).contains("quality gate failed").contains("mape");
		assertThat(snapshot(baseline)).containsExactlyInAnyOrderEntriesOf(before);
		assertThat(this.tracking.versions.get("pokewatch-baseline")).hasSize(1);
		assertThat(this.tracking.runs.get(1).tags).containsEntry("gate.outcome", "failed")
			.hasEntrySatisfying("gate.reason", (reason) -> assertThat(reason).contains("mape"));
		assertThat(this.tracking.aliases).containsEntry("pokewatch-baseline@champion", "1");
		// the promotion log keeps both decisions, oldest first: which model served from
		// when, and why
		List<Map<String, Object>> log = promotionLog();
		assertThat(log).hasSize(2);
		String first = ModelFiles.readMetadata(baseline).modelVersion();
		assertThat(log.get(0)).containsEntry("decision", "promoted")
			.containsEntry("candidate_version", first)
			.containsEntry("served_version", first)
			.containsEntry("champion_version", null)
			.containsEntry("reasons", List.of("all checks passed"))
			.containsEntry("mlflow_run_id", this.tracking.runs.get(0).runId())
			.containsEntry("served_from", log.get(0).get("decided_at"));
		assertThat(log.get(1)).containsEntry("decision", "refused")
			.containsEntry("champion_version", first)
			.containsEntry("served_version", first)
			.containsEntry("served_from", null)
			.containsEntry("mlflow_run_id", this.tracking.runs.get(1).runId());
		assertThat(log.get(1)).containsEntry("candidate_version",
				ModelFiles.readMetadata(this.root.resolve("models/candidate")).modelVersion());
		assertThat((List<String>) log.get(1).get("reasons")).singleElement()
			.satisfies((reason) -> assertThat(reason).startsWith("mape"));
		assertThat(this.tracking.versionTags.get("pokewatch-baseline/1")).containsEntry("gate.outcome", "passed")
			.containsEntry("served_from", (String) log.get(0).get("decided_at"));
		assertThat(this.root.resolve("models")).isDirectoryNotContaining("glob:**/.promotions.jsonl.tmp");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> promotionLog() throws IOException {
		List<Map<String, Object>> entries = new ArrayList<>();
		for (String line : Files.readAllLines(this.root.resolve("models/promotions.jsonl"))) {
			entries.add(tools.jackson.databind.json.JsonMapper.builder().build().readValue(line, Map.class));
		}
		return entries;
	}

	@Test
	void validateWhenLiftSignificantlyNegativeShouldExitThreeAndPassWhenIntervalSpansZero() throws IOException {
		Path params = prepare();
		assertThat(run("train", "--params", params.toString())).isZero();
		Path metadata = this.root.resolve("models/candidate/model_metadata.json");
		String trained = Files.readString(metadata);
		// 1 SELL hit of 20 against a base rate of 0.76: lift -63.7 pp [-75.1, -52.4]
		withLift(metadata, trained, -63.7, -75.1, -52.4);
		assertThat(run("validate", "--params", params.toString())).isEqualTo(3);
		assertThat(output()).containsPattern("FAIL +sell_lift_pp_7d +-63.7 \\[-75.1, -52.4\\].*\\(interval below 0\\)");
		assertThat(errors()).contains("quality gate failed").contains("sell_lift_pp_7d");
		assertThat(this.root.resolve("models/baseline")).doesNotExist();
		withLift(metadata, trained, -20.0, -45.0, 3.5);
		assertThat(run("validate", "--params", params.toString())).isZero();
		assertThat(this.root.resolve("models/baseline/model_metadata.json")).exists();
	}

	@Test
	void validateWhenWorseThanChampionBeyondMarginShouldExitThree() throws IOException {
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 70);
		Path sma3 = grid("gate:\n  champion_mape_margin: 0.0\n", "[sma]", "[3]");
		assertThat(run("preprocess", "--params", sma3.toString())).isZero();
		assertThat(run("train", "--params", sma3.toString())).isZero();
		assertThat(run("validate", "--params", sma3.toString())).isZero();
		// a 30-day SMA lags a random walk far more than a 3-day one: worse next-day MAPE
		Path sma30 = grid("gate:\n  champion_mape_margin: 0.0\n", "[sma]", "[30]");
		assertThat(run("train", "--params", sma30.toString())).isZero();
		// training re-scored the champion on the candidate's own holdout
		ModelMetadata champion = ModelFiles.readMetadata(this.root.resolve("models/baseline"));
		ModelMetadata.ChampionScore rescored = ModelFiles.readMetadata(this.root.resolve("models/candidate"))
			.championOnHoldout();
		assertThat(rescored.modelVersion()).isEqualTo(champion.modelVersion());
		assertThat(rescored.rule()).startsWith("sma_3_");
		assertThat(run("validate", "--params", sma30.toString())).isEqualTo(3);
		assertThat(errors()).contains("champion", "on this holdout");
		assertThat(ModelFiles.readMetadata(this.root.resolve("models/baseline")).windowSize()).isEqualTo(3);
	}

	@Test
	void trainWhenTrackingFailsShouldStillWriteOutputsAndSkipRegistry() throws IOException {
		Path params = prepare();
		this.tracking.failWith = "connection refused";
		assertThat(run("train", "--params", params.toString())).isZero();
		ModelMetadata metadata = ModelFiles.readMetadata(this.root.resolve("models/candidate"));
		assertThat(metadata.mlflowRunId()).isNull();
		assertThat(this.root.resolve("reports/metrics.json")).exists();
		assertThat(run("validate", "--params", params.toString())).isZero();
		assertThat(this.root.resolve("models/baseline/features.parquet")).exists();
		assertThat(this.tracking.aliases).isEmpty();
	}

	@Test
	void validateWhenRegistryFailsAfterTrackedTrainingShouldPromoteLocallyAndExitZero() throws IOException {
		Path params = prepare();
		assertThat(run("train", "--params", params.toString())).isZero();
		String runId = ModelFiles.readMetadata(this.root.resolve("models/candidate")).mlflowRunId();
		assertThat(runId).isNotNull();
		this.out.reset();
		this.tracking.failWith = "registry unreachable";
		assertThat(run("validate", "--params", params.toString())).isZero();
		assertThat(ModelFiles.readMetadata(this.root.resolve("models/baseline")).mlflowRunId()).isEqualTo(runId);
		assertThat(output()).contains("Registry   skipped: registry unreachable (the model is promoted locally)");
		assertThat(this.tracking.aliases).isEmpty();
	}

	@Test
	void validateWhenNoCandidateShouldExitTwoNamingFile() throws IOException {
		assertThat(run("validate", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("model_metadata.json");
	}

	@Test
	void executeWhenUnknownCommandOrOptionShouldExitTwoWithSuggestions() throws IOException {
		assertThat(run("fit")).isEqualTo(2);
		assertThat(errors()).contains("unknown command 'fit'");
		assertThat(run("train", "--param", "x")).isEqualTo(2);
		assertThat(errors()).contains("'--param'").contains("--params").contains("train --help");
		assertThat(run("preprocess", "--skip-bad-file")).isEqualTo(2);
		assertThat(errors()).contains("--skip-bad-files");
		assertThat(run("train", "--params", this.root.resolve("missing.yaml").toString())).isEqualTo(2);
		assertThat(errors()).contains("missing.yaml");
		assertThat(run()).isEqualTo(2);
		assertThat(errors()).contains("missing command");
	}

	@Test
	void executeWhenHelpShouldPrintUsageOfThatCommandAndExitZero() {
		assertThat(run("preprocess", "--help")).isZero();
		assertThat(output()).contains("Usage: training-service preprocess")
			.contains("--raw-dir=<dir>")
			.contains("--skip-bad-files")
			.contains("--params=<file>")
			.contains("--verbose");
		this.out.reset();
		assertThat(run("retrain", "--help")).isZero();
		assertThat(output()).contains("Usage: training-service retrain")
			.contains("--skip-bad-files")
			.contains("--params=<file>");
		assertThat(run("--help")).isZero();
		assertThat(output()).contains("preprocess")
			.contains("validate")
			.contains("drift")
			.contains("Exit codes: 0 ok, 1")
			.contains("drift exits 0 on every status");
	}

	@Test
	void executeWhenSpringPropertiesGivenShouldLeaveThemToSpringBoot() throws IOException {
		assertThat(TrainingCommandLine.withoutSpringProperties("train", "--training.tracking.uri=http://x", "--params",
				"p.yaml", "--verbose"))
			.containsExactly("train", "--params", "p.yaml", "--verbose");
		assertThat(run("validate", "--logging.level.root=info", "--params", params("").toString())).isEqualTo(2);
		assertThat(errors()).contains("model_metadata.json").doesNotContain("logging.level");
	}

	@Test
	void validateWhenPassedShouldPrintAlignedRoundedSummary() throws IOException {
		Path params = prepare();
		assertThat(run("train", "--params", params.toString())).isZero();
		this.out.reset();
		assertThat(run("validate", "--params", params.toString(), "--verbose")).isZero();
		assertThat(output())
			.containsPattern("(?m)^Candidate  \\w+_\\d+ (reversion|momentum), (pct|z)_[\\d._]+ \\(version ")
			.containsPattern(
					"(?m)^  PASS  mape\\s+\\d+(\\.\\d{1,3})?\\s+<= 20\\s+\\(limit; naive \\d+(\\.\\d{1,3})?\\)$")
			.containsPattern(
					"(?m)^  PASS  buy_lift_pp_7d\\s+([+-]\\d+\\.\\d \\[[+-]\\d+\\.\\d, [+-]\\d+\\.\\d\\]|<none>)\\s+CI high >= 0")
			.containsPattern("(?m)^  dataset_size   \\d+$")
			.contains("Registry   pokewatch-baseline version 1, alias 'champion'")
			.contains("Notify     skipped: no Redis URL");
	}

	private Path prepare() throws IOException {
		TestData.writeRaw(this.root.resolve("data/raw"), 3, 70);
		Path params = params("");
		assertThat(run("preprocess", "--params", params.toString())).isZero();
		return params;
	}

	private Path grid(String extra, String types, String windows) throws IOException {
		Path file = params(extra);
		Files.writeString(file,
				Files.readString(file)
					.replace("types: [sma, ewma, median]", "types: " + types)
					.replace("windows: [3, 7, 14]", "windows: " + windows));
		return file;
	}

	private Path params(String extra) throws IOException {
		return TestData.writeParams(this.root, extra);
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

	@SuppressWarnings("unchecked")
	private static void withLift(Path metadata, String trained, double lift, double low, double high)
			throws IOException {
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		Map<String, Object> document = json.readValue(trained, Map.class);
		Map<String, Object> metrics = (Map<String, Object>) document.get("metrics");
		metrics.put("sell_lift_pp_7d", lift);
		metrics.put("sell_lift_pp_7d_low", low);
		metrics.put("sell_lift_pp_7d_high", high);
		Files.writeString(metadata, json.writeValueAsString(document));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readJson(Path file) throws IOException {
		return tools.jackson.databind.json.JsonMapper.builder().build().readValue(Files.readString(file), Map.class);
	}

	static Map<String, String> snapshot(Path dir) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.put(dir.relativize(file).toString(),
						Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
			}
		}
		return files;
	}

}
