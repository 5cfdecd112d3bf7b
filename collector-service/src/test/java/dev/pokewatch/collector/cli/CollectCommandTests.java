package dev.pokewatch.collector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.CollectorMetrics;
import dev.pokewatch.collector.collect.PriceSources;
import dev.pokewatch.collector.collect.Progress;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.TestSupport;
import dev.pokewatch.collector.system.CollectorProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CollectCommand} through {@link CollectorCommandLine}.
 */
class CollectCommandTests {

	private static final String CARDS = """
			sets:
			  - set: {id: sv03.5, name: 'SV: Scarlet & Violet 151', tcgplayer_group_id: 23237}
			    cards:
			      - {internal_id: sv151_charizard_ex_199, name: Charizard ex, tcgplayer_id: '517045'}
			""";

	@TempDir
	Path dir;

	private final StubServer server = new StubServer();

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	private final List<Map<String, Object>> starts = new ArrayList<>();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void collectWhenSampleDayShouldPrintShortSummaryAndExitZero() throws IOException {
		int code = run(null, "collect", "--date", "2025-10-24", "--source=sample", "--cards", cards().toString(),
				"--output-dir", this.dir.resolve("raw").toString());
		assertThat(code).isZero();
		assertThat(stdout()).contains("Collected from sample for 2025-10-24")
			.containsPattern("Cards collected\\s+1\n")
			.containsPattern("Files written\\s+1  in " + Path.of(this.dir.resolve("raw").toString()))
			.contains("Log: logs/collector.log")
			.doesNotContain("sv151_charizard_ex_199");
		assertThat(stderr()).isEmpty();
		assertThat(this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet")).exists();
	}

	@Test
	void collectWhenNotVerboseShouldSendFrameworkLogsToTheLogFileOnly() throws IOException {
		run(null, "collect", "--date", "2025-10-24", "--cards", cards().toString(), "--output-dir",
				this.dir.resolve("raw").toString(), "--log-file", "build/c.log");
		assertThat(this.starts).singleElement()
			.satisfies((defaults) -> assertThat(defaults).containsEntry("collector.mode", "collect")
				.containsEntry("logging.file.name", "build/c.log")
				.containsEntry("logging.threshold.console", "OFF"));
	}

	@Test
	void collectWhenVerboseShouldKeepFrameworkLogsOnTheConsole() throws IOException {
		run(null, "collect", "--verbose", "--date", "2025-10-24", "--cards", cards().toString(), "--output-dir",
				this.dir.resolve("raw").toString());
		assertThat(this.starts).singleElement()
			.satisfies((defaults) -> assertThat(defaults).containsKey("logging.file.name")
				.doesNotContainKey("logging.threshold.console"));
	}

	@Test
	void collectWhenNothingCollectedShouldExitOneSayingWhy() throws IOException {
		int code = run(null, "collect", "--date", "2020-01-01", "--cards", cards().toString(), "--output-dir",
				this.dir.resolve("raw").toString());
		assertThat(code).isEqualTo(1);
		assertThat(stdout()).contains("2020-01-01: not in the bundled sample");
		assertThat(stderr()).contains("error: nothing was collected");
	}

	@Test
	void collectWhenKeyRefusedShouldExitOneWithoutPrintingKey() throws IOException {
		this.server.on("/cards", Reply.status(403));
		int code = run("very-secret-key", "collect", "--source", "pokemonpricetracker", "--cards", cards().toString(),
				"--output-dir", this.dir.resolve("raw").toString());
		assertThat(code).isEqualTo(1);
		assertThat(stderr()).contains("error: run stopped:")
			.contains("refused the API key (HTTP 403)")
			.contains("POKEMON_PRICE_API_KEY");
		assertThat(stdout() + stderr()).doesNotContain("very-secret-key");
	}

	@Test
	void collectWhenBadOptionsShouldExitTwoNamingThemWithoutStarting() {
		assertThat(run(null, "collect", "--date", "24/10/2025")).isEqualTo(2);
		assertThat(stderr()).contains("'24/10/2025' is not a date (YYYY-MM-DD)").contains("collect --help");
		assertThat(run(null, "collect", "--days", "0")).isEqualTo(2);
		assertThat(stderr()).contains("--days: must be at least 1");
		assertThat(run(null, "collect", "--source", "ebay")).isEqualTo(2);
		assertThat(stderr()).contains("'ebay' is not a source; use one of auto, sample, pokemonpricetracker, tcgcsv");
		assertThat(run(null, "collect", "--cards")).isEqualTo(2);
		assertThat(stderr()).contains("--cards");
		assertThat(this.starts).isEmpty();
	}

	@Test
	void collectWhenOptionMistypedShouldSuggestTheRightOne() {
		// picocli suggests the options that start like the mistyped one
		assertThat(run(null, "collect", "--day", "3")).isEqualTo(2);
		assertThat(stderr()).contains("Unknown options: '--day', '3'").contains("Possible solutions: --date, --days");
		assertThat(this.starts).isEmpty();
	}

	@Test
	void collectWhenHelpShouldPrintUsageWithExitCodesAndExitZero() {
		assertThat(run(null, "collect", "--help")).isZero();
		assertThat(stdout()).contains("Usage: collector collect")
			.contains("--date=YYYY-MM-DD")
			.contains("--source=SOURCE")
			.contains("auto, sample, pokemonpricetracker, tcgcsv")
			.contains("--verbose")
			.contains("Exit codes:")
			.contains("  --collector.http.max-attempts=2");
		assertThat(this.starts).isEmpty();
	}

	@Test
	void collectWhenPriceTrackerWithoutKeyShouldExitTwoNamingVariable() throws IOException {
		assertThat(run(null, "collect", "--source", "pokemonpricetracker", "--cards", cards().toString())).isEqualTo(2);
		assertThat(stderr()).contains("POKEMON_PRICE_API_KEY");
	}

	@Test
	void collectWhenCardsFileInvalidShouldExitTwoNamingFileAndField() throws IOException {
		Path bad = this.dir.resolve("bad.yaml");
		Files.writeString(bad, CARDS.replace("internal_id: sv151_charizard_ex_199, ", ""));
		assertThat(run(null, "collect", "--cards", bad.toString())).isEqualTo(2);
		assertThat(stderr()).contains(bad.toString()).contains("sets[0].cards[0].internal_id");
		assertThat(run(null, "collect", "--cards", this.dir.resolve("missing.yaml").toString())).isEqualTo(2);
		assertThat(stderr()).contains("missing.yaml").contains("file not found");
	}

	@Test
	void requestWhenOptionsAbsentShouldTakeConfiguredDefaults() {
		CollectRequest request = new CollectCommand((defaults) -> null)
			.request(TestSupport.properties(null, this.server));
		assertThat(request.source()).isEqualTo(SourceName.AUTO);
		assertThat(request.cardsFile()).isEqualTo(Path.of("config/cards.yaml"));
		assertThat(request.outputDir()).isEqualTo(Path.of("data/raw"));
		assertThat(request.date()).isNull();
		assertThat(request.days()).isNull();
	}

	@Test
	void runWhenNoCommandOrUnknownCommandShouldExitTwo() {
		assertThat(run(null)).isEqualTo(2);
		assertThat(stderr()).contains("give a command: collect or serve");
		assertThat(run(null, "colect")).isEqualTo(2);
		assertThat(stderr()).contains("colect").contains("collect");
	}

	@Test
	void argumentsWhenSpringPropertiesGivenShouldGoToSpringOnly() {
		String[] args = { "collect", "--days=3", "--collector.http.max-attempts=2", "--logging.level.root=DEBUG",
				"--date", "2025-10-24" };
		assertThat(CollectorCommandLine.springProperties(args)).containsExactly("--collector.http.max-attempts=2",
				"--logging.level.root=DEBUG");
		assertThat(CollectorCommandLine.commandArguments(args)).containsExactly("collect", "--days=3", "--date",
				"2025-10-24");
	}

	private int run(String apiKey, String... args) {
		CollectorProperties properties = TestSupport.properties(apiKey, this.server);
		Clock clock = Clock.fixed(Instant.parse("2026-08-23T03:00:00Z"), ZoneOffset.UTC);
		CollectionService service = new CollectionService(new PriceSources(properties, clock, new RecordingSleeper()),
				new CollectorMetrics(new SimpleMeterRegistry(), clock), clock, Progress.Factory.log());
		this.out.getBuffer().setLength(0);
		this.err.getBuffer().setLength(0);
		CollectorCommandLine commandLine = new CollectorCommandLine((defaults) -> {
			this.starts.add(defaults);
			GenericApplicationContext context = new GenericApplicationContext();
			context.registerBean(CollectorProperties.class, () -> properties);
			context.registerBean(CollectionService.class, () -> service);
			context.refresh();
			return context;
		}, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
		return commandLine.execute(List.of(args));
	}

	private Path cards() throws IOException {
		Path file = this.dir.resolve("cards.yaml");
		Files.writeString(file, CARDS);
		return file;
	}

	private String stdout() {
		return this.out.toString();
	}

	private String stderr() {
		return this.err.toString();
	}

}
