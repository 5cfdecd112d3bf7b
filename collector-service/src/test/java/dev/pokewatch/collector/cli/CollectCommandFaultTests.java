package dev.pokewatch.collector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

import dev.pokewatch.collector.FaultServer;
import dev.pokewatch.collector.FaultServer.Fault;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.CollectorMetrics;
import dev.pokewatch.collector.collect.PriceSources;
import dev.pokewatch.collector.collect.Progress;
import dev.pokewatch.collector.http.Sleeper;
import dev.pokewatch.collector.system.CollectorProperties;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

import static dev.pokewatch.collector.StubServer.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link CollectCommand} when the price providers misbehave: the real sources
 * and a real collection run against a {@link FaultServer}, with short retry settings
 * (three attempts, 200 ms backoff doubling, no jitter, 1 s read timeout). Every test ends
 * by reading back every file of the output directory: a fault never leaves a partial or
 * corrupt raw file.
 */
class CollectCommandFaultTests {

	private static final String PPT_CARDS = """
			sets:
			  - set: {id: sv03.5, name: 'SV: Scarlet & Violet 151'}
			    cards:
			      - {internal_id: sv151_charizard_ex_201, name: Charizard ex, tcgplayer_id: '566544'}
			      - {internal_id: hf_charizard_gx_9, name: Charizard GX, tcgplayer_id: '184242'}
			""";

	private static final String TCGCSV_CARDS = """
			sets:
			  - set: {id: sv03.5, name: 'SV: Scarlet & Violet 151', tcgplayer_group_id: 23237}
			    cards:
			      - {internal_id: sv151_charizard_ex_199, name: Charizard ex, tcgplayer_id: '517045'}
			  - set: {id: swsh07, name: 'SWSH07: Evolving Skies', tcgplayer_group_id: 2848}
			    cards:
			      - {internal_id: swsh07_alakazam_201, name: Alakazam ex, tcgplayer_id: '517047'}
			""";

	private static final String TCGCSV_RECORDING = "tcgcsv_prices_group23237_2025-10-26.json";

	private static final String CHARIZARD_EX = "tcgPlayerId=566544";

	private static final String CHARIZARD_GX = "tcgPlayerId=184242";

	private static final String GROUP_151 = "/23237/prices";

	private static final String GROUP_SWSH07 = "/2848/prices";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration BACKOFF = Duration.ofMillis(200);

	/** Generous: the build machine is shared and loaded. */
	private static final Duration SLACK = Duration.ofSeconds(4);

	@TempDir
	Path dir;

	private final FaultServer server = new FaultServer();

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void collectWhenServerErrorsThenRecoversShouldBackOffRetryAndCollect() throws IOException {
		this.server
			.on(CHARIZARD_EX, Fault.status(500), Fault.status(503), Fault.ok(recorded("ppt_card_no_history.json")))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		List<StubServer.Request> attempts = this.server.requests(CHARIZARD_EX);
		assertThat(attempts).hasSize(3);
		// 200 ms, then 400 ms: no jitter
		assertThat(attempts.get(1).since(attempts.get(0))).isBetween(BACKOFF, BACKOFF.plus(SLACK));
		assertThat(attempts.get(2).since(attempts.get(1))).isBetween(BACKOFF.multipliedBy(2),
				BACKOFF.multipliedBy(2).plus(SLACK));
		assertThat(this.server.requests(CHARIZARD_GX)).hasSize(1);
		assertThat(rows()).extracting(RawPriceRow::cardId, RawPriceRow::marketPrice)
			.containsExactly(tuple("hf_charizard_gx_9", 5.03), tuple("sv151_charizard_ex_201", 246.34));
		assertThat(this.err.toString()).isEmpty();
	}

	@Test
	void collectWhenTooManyRequestsWithRetryAfterSecondsShouldWaitThatLong() throws IOException {
		this.server.on(CHARIZARD_EX, Fault.retryAfter(429, "2"), Fault.ok(recorded("ppt_card_no_history.json")))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		List<StubServer.Request> attempts = this.server.requests(CHARIZARD_EX);
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1).since(attempts.get(0))).isBetween(Duration.ofSeconds(2),
				Duration.ofSeconds(2).plus(SLACK));
		assertThat(rows()).hasSize(2);
	}

	@Test
	void collectWhenUnavailableWithRetryAfterDateShouldWaitUntilThatDate() throws IOException {
		// an HTTP date has whole seconds; the retry is checked against the date itself,
		// not against the first attempt, whose arrival depends on the machine's load
		Instant retryAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		long retryAtNanos = System.nanoTime() + Duration.between(Instant.now(), retryAt).toNanos();
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(retryAt, ZoneOffset.UTC));
		this.server.on(GROUP_151, Fault.retryAfter(503, date), Fault.ok(recorded(TCGCSV_RECORDING)))
			.on(GROUP_SWSH07, Fault.ok(recorded(TCGCSV_RECORDING)));
		assertThat(collect("tcgcsv", TCGCSV_CARDS)).isZero();
		List<StubServer.Request> attempts = this.server.requests(GROUP_151);
		assertThat(attempts).hasSize(2);
		// not before the date (50 ms for the two clocks read apart), and not long after
		Duration afterDate = Duration.ofNanos(attempts.get(1).receivedNanos() - retryAtNanos);
		assertThat(afterDate).isBetween(Duration.ofMillis(-50), SLACK);
		assertThat(rows()).extracting(RawPriceRow::cardId)
			.containsExactlyInAnyOrder("sv151_charizard_ex_199", "swsh07_alakazam_201");
	}

	@Test
	void collectWhenRetryAfterBeyondMaximumShouldFailOnlyThatCardAtOnce() throws IOException {
		this.server.on(CHARIZARD_EX, Fault.retryAfter(429, "3600"))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		assertThat(this.server.requests(CHARIZARD_EX)).hasSize(1);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201 (SV: Scarlet & Violet 151)")
			.contains("HTTP 429")
			.contains("retry after 3600 s, longer than the configured maximum of 5 s");
		assertThat(rows()).extracting(RawPriceRow::cardId).containsExactly("hf_charizard_gx_9");
	}

	@Test
	void collectWhenReplyIsSlowerThanReadTimeoutShouldRetryAndCollect() throws IOException {
		this.server
			.on(CHARIZARD_EX, Fault.slow(recorded("ppt_card_no_history.json"), Duration.ofSeconds(10)),
					Fault.ok(recorded("ppt_card_no_history.json")))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		List<StubServer.Request> attempts = this.server.requests(CHARIZARD_EX);
		assertThat(attempts).hasSize(2);
		// the read timeout, then the first backoff; the timer starts before the server
		// sees the request, so on a loaded machine only the backoff is sure to lie
		// between the two arrivals
		assertThat(attempts.get(1).since(attempts.get(0))).isBetween(BACKOFF, READ_TIMEOUT.plus(BACKOFF).plus(SLACK));
		assertThat(rows()).hasSize(2);
	}

	@Test
	void collectWhenEveryReplyIsTooSlowShouldGiveUpAndExitOneNamingTheCards() throws IOException {
		this.server.on("/cards", Fault.slow(recorded("ppt_card_no_history.json"), Duration.ofSeconds(10)));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isEqualTo(1);
		assertThat(this.server.requests(CHARIZARD_EX)).hasSize(3);
		assertThat(this.server.requests(CHARIZARD_GX)).hasSize(3);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201 (SV: Scarlet & Violet 151)")
			.contains("error: card hf_charizard_gx_9 (SV: Scarlet & Violet 151)")
			.contains("gave up after 3 attempts, last: no response within 1000 ms")
			.contains("error: nothing was collected");
		assertRawFilesIntact();
		assertThat(this.dir.resolve("raw")).doesNotExist();
	}

	@Test
	void collectWhenConnectionResetMidBodyShouldRetryAndCollect() throws IOException {
		this.server.on(GROUP_151, Fault.resetMidBody(recorded(TCGCSV_RECORDING)), Fault.ok(recorded(TCGCSV_RECORDING)))
			.on(GROUP_SWSH07, Fault.ok(recorded(TCGCSV_RECORDING)));
		assertThat(collect("tcgcsv", TCGCSV_CARDS)).isZero();
		assertThat(this.server.requests(GROUP_151)).hasSize(2);
		assertThat(rows()).extracting(RawPriceRow::cardId, RawPriceRow::marketPrice)
			.containsExactlyInAnyOrder(tuple("sv151_charizard_ex_199", 255.71), tuple("swsh07_alakazam_201", 53.76));
	}

	@Test
	void collectWhenConnectionResetEveryTimeShouldFailOnlyThatSet() throws IOException {
		this.server.on(GROUP_151, Fault.resetMidBody(recorded(TCGCSV_RECORDING)))
			.on(GROUP_SWSH07, Fault.ok(recorded(TCGCSV_RECORDING)));
		assertThat(collect("tcgcsv", TCGCSV_CARDS)).isZero();
		assertThat(this.server.requests(GROUP_151)).hasSize(3);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_199 (SV: Scarlet & Violet 151)")
			.contains("gave up after 3 attempts, last: network error");
		assertThat(rows()).extracting(RawPriceRow::cardId).containsExactly("swsh07_alakazam_201");
	}

	@Test
	void collectWhenBodyIsTruncatedJsonShouldFailThatSetClearlyWithoutRetrying() throws IOException {
		this.server.on(GROUP_151, Fault.truncated(recorded(TCGCSV_RECORDING), 4000))
			.on(GROUP_SWSH07, Fault.ok(recorded(TCGCSV_RECORDING)));
		assertThat(collect("tcgcsv", TCGCSV_CARDS)).isZero();
		// a complete 200 with a broken body: the provider answered, asking again is
		// pointless
		assertThat(this.server.requests(GROUP_151)).hasSize(1);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_199 (SV: Scarlet & Violet 151)")
			.contains("/tcgplayer/3/23237/prices: response is not valid JSON")
			.doesNotContain("Exception");
		assertThat(rows()).extracting(RawPriceRow::cardId).containsExactly("swsh07_alakazam_201");
	}

	@Test
	void collectWhenEveryBodyIsTruncatedShouldExitOneNamingEachCard() throws IOException {
		this.server.on("/cards", Fault.truncated(recorded("ppt_card_conditions_history.json"), 100));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isEqualTo(1);
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201 (SV: Scarlet & Violet 151)")
			.contains("error: card hf_charizard_gx_9 (SV: Scarlet & Violet 151)")
			.contains("response is not valid JSON")
			.contains("error: nothing was collected");
		assertRawFilesIntact();
	}

	@Test
	void collectWhenBodyIsEmptyShouldFailThatCardClearly() throws IOException {
		this.server.on(CHARIZARD_EX, Fault.empty())
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		assertThat(this.server.requests(CHARIZARD_EX)).hasSize(1);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201 (SV: Scarlet & Violet 151)")
			.contains("expected a JSON object with 'data'");
		assertThat(rows()).extracting(RawPriceRow::cardId).containsExactly("hf_charizard_gx_9");
	}

	@Test
	void collectWhenCardFailsOnRecollectionShouldKeepItsEarlierRowInTheDayFile() throws IOException {
		this.server.on(CHARIZARD_EX, Fault.ok(recorded("ppt_card_no_history.json")))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		List<RawPriceRow> first = rows();
		this.server.on(CHARIZARD_EX, Fault.status(500));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201")
			.contains("gave up after 3 attempts, last: HTTP 500");
		assertThat(rows()).extracting(RawPriceRow::cardId, RawPriceRow::marketPrice)
			.containsExactlyElementsOf(first.stream().map((row) -> tuple(row.cardId(), row.marketPrice())).toList());
		assertThat(rows()).filteredOn((row) -> row.cardId().equals("sv151_charizard_ex_201"))
			.singleElement()
			.isEqualTo(first.stream().filter((row) -> row.cardId().equals("sv151_charizard_ex_201")).findFirst().get());
	}

	@Test
	void collectWhenNotFoundShouldFailOnlyThatCardWithoutRetrying() throws IOException {
		this.server.on(CHARIZARD_EX, Fault.status(404))
			.on(CHARIZARD_GX, Fault.ok(recorded("ppt_card_conditions_history.json")));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isZero();
		assertThat(this.server.requests(CHARIZARD_EX)).hasSize(1);
		assertThat(this.err.toString()).contains("error: card sv151_charizard_ex_201").contains("HTTP 404");
		assertThat(rows()).extracting(RawPriceRow::cardId).containsExactly("hf_charizard_gx_9");
	}

	@Test
	void collectWhenKeyRefusedShouldStopTheRunAtOnceWithExitOne() throws IOException {
		this.server.on("/cards", Fault.status(401));
		assertThat(collect("pokemonpricetracker", PPT_CARDS)).isEqualTo(1);
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.err.toString()).contains("error: run stopped:").contains("refused the API key (HTTP 401)");
		assertRawFilesIntact();
	}

	/**
	 * Runs {@code collect} through the command line, as {@code main} does, with the
	 * collector's properties pointing at the fault server.
	 */
	private int collect(String source, String cards) throws IOException {
		Path cardsFile = this.dir.resolve("cards.yaml");
		Files.writeString(cardsFile, cards);
		CollectorProperties properties = new CollectorProperties(source, cardsFile, this.dir.resolve("raw"),
				new CollectorProperties.Http(Duration.ofSeconds(2), READ_TIMEOUT, 3, BACKOFF, Duration.ofSeconds(1), 0,
						Duration.ofSeconds(5)),
				new CollectorProperties.PokemonPriceTracker(this.server.baseUri().resolve("/api/v2"), "fault-key", 0),
				new CollectorProperties.Tcgcsv(this.server.baseUri(), 3, 0), new CollectorProperties.Sample(120));
		Clock clock = Clock.systemUTC();
		CollectionService service = new CollectionService(new PriceSources(properties, clock, Sleeper.system()),
				new CollectorMetrics(new SimpleMeterRegistry(), clock), clock, Progress.Factory.log());
		this.out.getBuffer().setLength(0);
		this.err.getBuffer().setLength(0);
		CollectorCommandLine commandLine = new CollectorCommandLine((defaults) -> {
			GenericApplicationContext context = new GenericApplicationContext();
			context.registerBean(CollectorProperties.class, () -> properties);
			context.registerBean(CollectionService.class, () -> service);
			context.refresh();
			return context;
		}, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
		int code = commandLine.execute(List.of("collect", "--source", source));
		assertRawFilesIntact();
		return code;
	}

	/** The rows of today's day files, all sets, sorted by card. */
	private List<RawPriceRow> rows() throws IOException {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		try (Stream<Path> files = Files.list(this.dir.resolve("raw"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("_prices_" + today + ".parquet"))
				.flatMap((file) -> RawPricesCodec.read(file).stream())
				.sorted(Comparator.comparing(RawPriceRow::cardId))
				.toList();
		}
	}

	/**
	 * Every file of the output directory is a raw day file that reads back: no partial
	 * file, no corrupt file, no leftover temporary file.
	 */
	private void assertRawFilesIntact() throws IOException {
		Path raw = this.dir.resolve("raw");
		if (!Files.exists(raw)) {
			return;
		}
		try (Stream<Path> files = Files.list(raw)) {
			assertThat(files.toList()).allSatisfy((file) -> {
				assertThat(file.getFileName().toString()).matches("[a-z0-9_]+_prices_\\d{4}-\\d{2}-\\d{2}\\.parquet");
				assertThat(RawPricesCodec.read(file)).isNotEmpty();
			});
		}
	}

}
