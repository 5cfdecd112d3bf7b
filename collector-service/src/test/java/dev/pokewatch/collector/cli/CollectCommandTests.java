package dev.pokewatch.collector.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.CollectorMetrics;
import dev.pokewatch.collector.collect.PriceSources;
import dev.pokewatch.collector.collect.Progress;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.TestSupport;
import dev.pokewatch.collector.system.CollectorProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CollectCommand}.
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

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void runWhenSampleDayShouldPrintSummaryAndExitZero() throws IOException {
		int code = command(null).run(List.of("--date", "2025-10-24", "--source=sample", "--cards", cards().toString(),
				"--output-dir", this.dir.resolve("raw").toString()));
		assertThat(code).isZero();
		assertThat(stdout()).contains("Collection summary (source sample, days 2025-10-24)")
			.containsPattern("sv151_charizard_ex_199\\s+collected\\s+2025-10-24")
			.contains("Cards: 1 collected, 0 failed, 0 skipped; 1 files written");
		assertThat(this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet")).exists();
	}

	@Test
	void runWhenNothingCollectedShouldExitOne() throws IOException {
		int code = command(null).run(List.of("--date", "2020-01-01", "--cards", cards().toString(), "--output-dir",
				this.dir.resolve("raw").toString()));
		assertThat(code).isEqualTo(1);
		assertThat(stdout()).contains("2020-01-01: not in the bundled sample").contains("Nothing was collected");
	}

	@Test
	void runWhenKeyRefusedShouldExitOneWithoutPrintingKey() throws IOException {
		this.server.on("/cards", Reply.status(403));
		int code = command("very-secret-key").run(List.of("--source", "pokemonpricetracker", "--cards",
				cards().toString(), "--output-dir", this.dir.resolve("raw").toString()));
		assertThat(code).isEqualTo(1);
		assertThat(stdout()).contains("refused the API key (HTTP 403)").contains("POKEMON_PRICE_API_KEY");
		assertThat(stdout() + stderr()).doesNotContain("very-secret-key");
	}

	@Test
	void runWhenBadArgumentsShouldExitTwoNamingThem() {
		assertThat(command(null).run(List.of("--date", "24/10/2025"))).isEqualTo(2);
		assertThat(stderr()).contains("--date: '24/10/2025' is not a date").contains("Usage:");
		assertThat(command(null).run(List.of("--days", "0"))).isEqualTo(2);
		assertThat(stderr()).contains("--days: must be at least 1");
		assertThat(command(null).run(List.of("--source", "ebay"))).isEqualTo(2);
		assertThat(stderr()).contains("--source: 'ebay' is not a source");
		assertThat(command(null).run(List.of("--verbose"))).isEqualTo(2);
		assertThat(stderr()).contains("unknown argument '--verbose'");
		assertThat(command(null).run(List.of("--cards"))).isEqualTo(2);
		assertThat(stderr()).contains("--cards: a value is required");
	}

	@Test
	void runWhenPriceTrackerWithoutKeyShouldExitTwoNamingVariable() throws IOException {
		assertThat(command(null).run(List.of("--source", "pokemonpricetracker", "--cards", cards().toString())))
			.isEqualTo(2);
		assertThat(stderr()).contains("POKEMON_PRICE_API_KEY");
	}

	@Test
	void runWhenCardsFileInvalidShouldExitTwoNamingFileAndField() throws IOException {
		Path bad = this.dir.resolve("bad.yaml");
		Files.writeString(bad, CARDS.replace("internal_id: sv151_charizard_ex_199, ", ""));
		assertThat(command(null).run(List.of("--cards", bad.toString()))).isEqualTo(2);
		assertThat(stderr()).contains(bad.toString()).contains("sets[0].cards[0].internal_id");
		assertThat(command(null).run(List.of("--cards", this.dir.resolve("missing.yaml").toString()))).isEqualTo(2);
		assertThat(stderr()).contains("missing.yaml").contains("file not found");
	}

	@Test
	void parseWhenOptionsAbsentShouldTakeConfiguredDefaults() {
		var request = command(null).parse(List.of());
		assertThat(request.source()).isEqualTo(SourceName.AUTO);
		assertThat(request.cardsFile()).isEqualTo(Path.of("config/cards.yaml"));
		assertThat(request.outputDir()).isEqualTo(Path.of("data/raw"));
		assertThat(request.date()).isNull();
		assertThat(request.days()).isNull();
	}

	private CollectCommand command(String apiKey) {
		CollectorProperties properties = TestSupport.properties(apiKey, this.server);
		Clock clock = Clock.fixed(Instant.parse("2026-08-23T03:00:00Z"), ZoneOffset.UTC);
		CollectionService service = new CollectionService(new PriceSources(properties, clock, new RecordingSleeper()),
				new CollectorMetrics(new SimpleMeterRegistry(), clock), clock, Progress.Factory.log());
		return new CollectCommand(service, properties, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private Path cards() throws IOException {
		Path file = this.dir.resolve("cards.yaml");
		Files.writeString(file, CARDS);
		return file;
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
