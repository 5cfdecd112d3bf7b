package dev.pokewatch.serving.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loop that runs itself, end to end, with the packaged jars as a user runs them: real
 * prices collected from the bundled sample into a temporary workspace, a first model
 * trained and promoted, a serving-api on a real redis-server, then a shifted regime
 * (forty new days at six times the sample's daily volatility) and the scheduler
 * ({@code collect-daily}) with its collect and drift jobs on a two-second cron. The drift
 * job ({@code drift --preprocess}) flags drift, the scheduler retrains once, the collect
 * fires meanwhile are held off by the lock, the gate's decision is logged with its
 * reasons in {@code models/promotions.jsonl}, and the serving-api, told through Redis,
 * reloads and answers from the new version, the online feature store included.
 * <p>
 * serving-api depends on neither service, so the collector and training jars are the
 * artifacts the reactor packaged before this module's tests ({@code make test} runs
 * {@code mvn verify}); without them the test is skipped, and fails under {@code CI=true}.
 */
@Tag("integration")
class ContinuousTrainingLoopTests {

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

	/** Sets of real cards kept from config/cards.yaml: eight sets, about twenty cards. */
	private static final int SETS = 8;

	private static final int SHIFTED_DAYS = 40;

	private static final Pattern SET_LINE = Pattern.compile("^  - set: \\{ id: '([^']+)'");

	private static final Pattern RAW_FILE = Pattern.compile("(.+)_prices_(\\d{4}-\\d{2}-\\d{2})\\.parquet");

	@TempDir
	Path workspace;

	private final List<Process> processes = new ArrayList<>();

	private RedisTestServer redis;

	private ConfigurableApplicationContext serving;

	@AfterEach
	void stop() throws Exception {
		for (Process process : this.processes) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.serving != null) {
			this.serving.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void driftShouldRetrainOnceUnderTheLockAndServingShouldAnswerFromThePromotedModel() throws Exception {
		Path collectorJar = jar("collector-service");
		Path trainingJar = jar("training-service");
		Path cards = this.workspace.resolve("config/cards.yaml");
		Files.createDirectories(cards.getParent());
		Files.writeString(cards, listedCardsOfFirstSets(SETS));

		// real prices: the bundled sample's last 240 days of those cards
		Command collect = run("collect", List.of(java(), "-jar", collectorJar.toString(), "collect", "--cards",
				cards.toString(), "--source", "sample", "--date", "2026-08-22", "--days", "240"), Map.of());
		assertThat(collect.exitCode()).as(collect.output()).isZero();
		this.redis = RedisTestServer.start();
		Command first = run("retrain", List.of(java(), "-jar", trainingJar.toString(), "retrain"),
				Map.of("REDIS_URL", this.redis.url()));
		assertThat(first.exitCode()).as(first.output()).isZero();
		String firstVersion = lastPromotion().get("served_version");

		this.serving = startServing();
		HttpTestClient http = new HttpTestClient(((WebServerApplicationContext) this.serving).getWebServer().getPort());
		assertThat(healthField(http, "$.model_version")).isEqualTo(firstVersion);
		Shift shift = writeShiftedRegime();
		Path schedulerLog = this.workspace.resolve("scheduler.log");
		startScheduler(collectorJar, trainingJar, schedulerLog);

		await().atMost(STEP_TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> read(schedulerLog).matches("(?s).*job retrain (success|refused) in .*"));
		String log = read(schedulerLog);
		assertThat(log).contains("job drift success", "triggering retrain");
		// a cron fire (collect's or drift's, whichever thread was free) while the retrain
		// ran: held off by the lock, not run alongside
		assertThat(log).containsPattern("job (collect|drift) skipped: job retrain is running since");
		assertThat(countOf(log, "job retrain started")).isOne();
		assertThat(JsonPath.<String>read(read(this.workspace.resolve("reports/drift.json")), "$.status"))
			.isEqualTo("drift");

		Map<String, String> decision = lastPromotion();
		assertThat(decision.get("reasons")).as("the decision is logged with its reasons").isNotBlank();
		assertThat(decision.get("decision")).as(decision.toString()).isEqualTo("promoted");
		String newVersion = decision.get("served_version");
		assertThat(newVersion).isNotEqualTo(firstVersion);

		// told through Redis (the file watcher is off): reloads and answers from it
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(healthField(http, "$.model_version")).isEqualTo(newVersion);
			// both in the wait: a poll that read the old pointer just before the swap
			// may have cached it for a moment
			assertThat(healthField(http, "$.online_model_version")).isEqualTo(newVersion);
		});
		HttpResponse<String> prediction = http.postJson("/predict", "{\"card_id\":\"" + shift.cardId() + "\"}");
		assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(prediction.body(), "$.model_version")).isEqualTo(newVersion);
		assertThat(JsonPath.<String>read(prediction.body(), "$.date")).isEqualTo(shift.lastDay().toString());

		// the next drift runs find the retrain within its cooldown: still one retrain
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> read(schedulerLog).contains("within the cooldown"));
		assertThat(countOf(read(schedulerLog), "job retrain started")).isOne();
	}

	/**
	 * The listed cards of the first sets of the repository's cards.yaml (whole-group
	 * tracking left out): real card ids the bundled sample has prices for.
	 */
	private static String listedCardsOfFirstSets(int sets) throws IOException {
		List<String> lines = Files.readAllLines(TestEnvironment.repoRoot().resolve("config/cards.yaml"));
		StringBuilder kept = new StringBuilder("sets:\n");
		int taken = 0;
		boolean inSet = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			Matcher set = SET_LINE.matcher(line);
			if (set.find()) {
				inSet = false;
				int next = i + 1;
				// a whole-group set (track_all) lists few or no cards of its own
				boolean wholeGroup = next < lines.size() && lines.get(next).contains("track_all: true");
				if (!wholeGroup && taken < sets) {
					inSet = true;
					taken++;
				}
			}
			if (inSet && line.startsWith("  ")) {
				kept.append(line).append('\n');
			}
		}
		return kept.toString();
	}

	/**
	 * Forty days after the last collected one, each card going on from its last price by
	 * a random walk with six times the sample's daily volatility: a regime the served
	 * model never saw.
	 * @return the last shifted day and a card priced on it
	 */
	private Shift writeShiftedRegime() throws IOException {
		Path raw = this.workspace.resolve("data/raw");
		Map<String, Path> lastFileBySet = new TreeMap<>();
		try (Stream<Path> files = Files.list(raw)) {
			files.filter((file) -> RAW_FILE.matcher(file.getFileName().toString()).matches())
				.sorted(Comparator.comparing((Path file) -> file.getFileName().toString()))
				.forEach((file) -> {
					Matcher name = RAW_FILE.matcher(file.getFileName().toString());
					name.matches();
					lastFileBySet.put(name.group(1), file);
				});
		}
		Random random = new Random(20261130);
		LocalDate lastShifted = null;
		String pricedCard = null;
		for (Map.Entry<String, Path> set : lastFileBySet.entrySet()) {
			List<RawPriceRow> rows = RawPricesCodec.read(set.getValue());
			for (int d = 1; d <= SHIFTED_DAYS; d++) {
				List<RawPriceRow> day = new ArrayList<>();
				for (int i = 0; i < rows.size(); i++) {
					RawPriceRow row = rows.get(i);
					Double price = (row.marketPrice() != null)
							? Math.max(1.0, row.marketPrice() * Math.exp(0.05 * random.nextGaussian())) : null;
					RawPriceRow next = new RawPriceRow(row.cardId(), row.cardNumber(), row.cardName(), row.setId(),
							row.setName(), row.date().plusDays(1), price, row.category(), row.rarity(),
							row.tcgplayerId(), row.source(), null, null, null, row.currency(), Instant.now());
					rows.set(i, next);
					day.add(next);
				}
				LocalDate date = day.get(0).date();
				lastShifted = (lastShifted == null || date.isAfter(lastShifted)) ? date : lastShifted;
				if (d == SHIFTED_DAYS && pricedCard == null) {
					pricedCard = day.stream()
						.filter((row) -> row.marketPrice() != null)
						.map(RawPriceRow::cardId)
						.findFirst()
						.orElse(null);
				}
				RawPricesCodec.write(raw.resolve(set.getKey() + "_prices_" + date + ".parquet"), day);
			}
		}
		return new Shift(lastShifted, pricedCard);
	}

	private void startScheduler(Path collectorJar, Path trainingJar, Path log) throws IOException {
		String drift = String.join(",", java(), "-jar", trainingJar.toString(), "drift", "--preprocess");
		String retrain = String.join(",", java(), "-jar", trainingJar.toString(), "retrain");
		ProcessBuilder builder = new ProcessBuilder(java(), "-jar", collectorJar.toString(), "serve")
			.directory(this.workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.putAll(trainingEnvironment());
		env.put("REDIS_URL", this.redis.url());
		env.put("COLLECTOR_PORT", String.valueOf(TestEnvironment.freePort()));
		env.put("SCHEDULER_WORKDIR", this.workspace.toString());
		// collect every two seconds, the sample's last day only (a second or so in
		// process): a
		// trigger that fires while the retrain holds the lock
		env.put("COLLECTOR_SOURCE", "sample");
		env.put("COLLECTOR_SAMPLE_REPLAYDAYS", "1");
		env.put("COLLECTOR_CRON", "*/2 * * * * *");
		env.put("SCHEDULER_DRIFT_CRON", "*/2 * * * * *");
		env.put("SCHEDULER_DRIFT_COMMAND", drift);
		// the weekly retrain far away: only drift asks for one here
		env.put("SCHEDULER_RETRAIN_CRON", "0 0 5 1 1 *");
		env.put("SCHEDULER_RETRAIN_COMMAND", retrain);
		this.processes.add(builder.start());
	}

	private ConfigurableApplicationContext startServing() {
		return new SpringApplicationBuilder(ServingTestApplication.class).web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--serving.model-dir=" + this.workspace.resolve("models/baseline"),
					"--spring.data.redis.url=" + this.redis.url(), "--serving.security.enabled=false",
					"--serving.reload.watch=false", "--serving.online-features.enabled=true",
					"--serving.online-features.pointer-refresh=200ms",
					"--serving.drift.report=" + this.workspace.resolve("reports/drift.json"));
	}

	private Command run(String name, List<String> command, Map<String, String> extraEnvironment)
			throws IOException, InterruptedException {
		Path log = this.workspace.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(trainingEnvironment());
		builder.environment().putAll(extraEnvironment);
		Process process = builder.start();
		this.processes.add(process);
		if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException(name + " did not finish in " + STEP_TIMEOUT + ":\n" + read(log));
		}
		return new Command(process.exitValue(), read(log));
	}

	/** File-store tracking in the workspace, never a tracking server of the machine. */
	private Map<String, String> trainingEnvironment() {
		return Map.of("MLFLOW_TRACKING_URI", "", "MLFLOW_FILE_STORE_DIR", this.workspace.resolve("mlruns").toString());
	}

	private Map<String, String> lastPromotion() throws IOException {
		List<String> lines = Files.readAllLines(this.workspace.resolve("models/promotions.jsonl"));
		String last = lines.get(lines.size() - 1);
		Map<String, String> decision = new TreeMap<>();
		for (String field : List.of("decision", "served_version", "candidate_version")) {
			decision.put(field, JsonPath.read(last, "$." + field));
		}
		decision.put("reasons", String.join("; ", JsonPath.<List<String>>read(last, "$.reasons")));
		return decision;
	}

	private static String healthField(HttpTestClient http, String path) {
		return JsonPath.read(http.get("/health").body(), path);
	}

	private static Path jar(String module) {
		Path jar = TestEnvironment.repoRoot().resolve(module + "/target/" + module + ".jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar),
				"needs the packaged " + jar + " (mvn verify, or package " + module + " first)");
		return jar;
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static long countOf(String text, String part) {
		return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Command(int exitCode, String output) {
	}

	private record Shift(LocalDate lastDay, String cardId) {
	}

}
