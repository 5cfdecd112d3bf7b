package dev.pokewatch.collector.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.collector.collect.CardOutcome.Outcome;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.price.RawPriceRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CollectionService}.
 */
class CollectionServiceTests {

	static final String TWO_CARDS = """
			sets:
			  - set: {id: sv03.5, name: 'SV: Scarlet & Violet 151', tcgplayer_group_id: 23237}
			    cards:
			      - {internal_id: sv151_charizard_ex_199, name: Charizard ex, card_number: '199', tcgplayer_id: '517045',
			         rarity: Special illustration rare, category: grail}
			      - {internal_id: sv151_alakazam_ex_201, name: Alakazam ex, tcgplayer_id: '517047', category: chase}
			  - set: {id: swsh07, name: 'SWSH07: Evolving Skies', tcgplayer_group_id: 2848}
			    cards:
			      - {internal_id: swsh07_umbreon_vmax_215, name: Umbreon VMAX, tcgplayer_id: '246723', category: grail}
			""";

	static final LocalDate DAY = LocalDate.of(2025, 10, 24);

	@TempDir
	Path dir;

	private final StubServer server = new StubServer();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void collectWhenSampleDayShouldWriteOneFilePerSetSortedByCard() throws IOException {
		RunSummary summary = service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, null));
		assertThat(summary.exitCode()).isZero();
		assertThat(summary.count(Outcome.COLLECTED)).isEqualTo(3);
		assertThat(summary.count(Outcome.SKIPPED)).isZero();
		Path file151 = this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet");
		// Charizard ex from the pytcgplayer recording (market only), Alakazam ex from
		// TCGCSV
		assertThat(RawPricesCodec.read(file151)).containsExactly(
				new RawPriceRow("sv151_alakazam_ex_201", null, "Alakazam ex", "sv03.5", "SV: Scarlet & Violet 151", DAY,
						54.33, "chase", null, "517047", "sample", 46.0, 60.0, 320.46, "USD",
						Instant.parse("2026-08-23T03:00:00Z")),
				new RawPriceRow("sv151_charizard_ex_199", "199", "Charizard ex", "sv03.5", "SV: Scarlet & Violet 151",
						DAY, 257.96, "grail", "Special illustration rare", "517045", "sample", null, null, null, "USD",
						Instant.parse("2026-08-23T03:00:00Z")));
		assertThat(RawPricesCodec.read(this.dir.resolve("raw/swsh07_evolving_skies_prices_2025-10-24.parquet")))
			.extracting(RawPriceRow::cardId)
			.containsExactly("swsh07_umbreon_vmax_215");
		assertThat(this.registry.get("pokewatch.collector.cards").tag("outcome", "collected").counter().count())
			.isEqualTo(3);
		assertThat(this.registry.get("pokewatch.collector.last.success.timestamp").gauge().value()).isPositive();
	}

	@Test
	void collectWhenSampleWithoutDateOrDaysShouldReplayEveryBundledDayAndOnlyDaysWithData() throws IOException {
		Path cards = this.dir.resolve("full.yaml");
		Files.writeString(cards,
				"""
						sets:
						  - set: {id: sv01, name: 'SV01: Scarlet & Violet Base Set', tcgplayer_group_id: 22873}
						    cards:
						      - {internal_id: sv01_gardevoir_ex_245, name: Gardevoir ex, tcgplayer_id: '486623', category: chase}
						  - set: {id: base1, name: Base Set, tcgplayer_group_id: 604}
						    track_all: true
						""");
		Path raw = this.dir.resolve("raw");
		RunSummary summary = service(TestSupport.properties(null, this.server), "2026-11-30T03:00:00Z")
			.collect(new CollectRequest(SourceName.SAMPLE, cards, raw, null, null));
		assertThat(summary.window()).isEqualTo("2025-04-22..2026-08-22 (488 days)");
		assertThat(summary.unavailableDays()).isEmpty();
		assertThat(raw.resolve("sv01_scarlet__violet_base_set_prices_2025-04-22.parquet")).exists();
		assertThat(raw.resolve("sv01_scarlet__violet_base_set_prices_2026-08-22.parquet")).exists();
		try (Stream<Path> files = Files.list(raw)) {
			// Base Set is recorded by TCGCSV only, 36 days: no empty files for the other
			// days
			assertThat(
					files.map((file) -> file.getFileName().toString()).filter((name) -> name.startsWith("base_set_")))
				.hasSize(36)
				.contains("base_set_prices_2025-09-21.parquet", "base_set_prices_2025-10-26.parquet");
		}
		assertThat(RawPricesCodec.read(raw.resolve("base_set_prices_2025-10-26.parquet")))
			.extracting(RawPriceRow::cardId)
			.contains("base_set_42346_holofoil", "base_set_42346_1st_edition_holofoil")
			.doesNotHaveDuplicates();
	}

	@Test
	void collectWhenSameSampleDayTwiceShouldGiveSameRowsExceptCollectedAt() throws IOException {
		Path file = this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet");
		service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, 3));
		List<RawPriceRow> first = RawPricesCodec.read(file);
		service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, 3));
		assertThat(RawPricesCodec.read(file)).isEqualTo(first);
		service(TestSupport.properties(null, this.server), "2026-08-24T09:30:00Z")
			.collect(request(SourceName.SAMPLE, DAY, 3));
		List<RawPriceRow> third = RawPricesCodec.read(file);
		assertThat(third).extracting(RawPriceRow::collectedAt).containsOnly(Instant.parse("2026-08-24T09:30:00Z"));
		assertThat(third).usingRecursiveFieldByFieldElementComparatorIgnoringFields("collectedAt")
			.containsExactlyElementsOf(first);
		try (Stream<Path> files = Files.list(this.dir.resolve("raw"))) {
			assertThat(files).hasSize(6);
		}
	}

	@Test
	void collectWhenSubsetOfCardsRecollectedShouldKeepOtherCardsRows() throws IOException {
		Path file = this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet");
		RawPriceRow other = new RawPriceRow("sv151_mew_ex_151", "151", "Mew ex", "sv03.5", "SV: Scarlet & Violet 151",
				DAY, 42.0, "chase", null, "517191", "tcgcsv", 40.0, 43.0, 60.0, "USD",
				Instant.parse("2025-10-24T03:00:00Z"));
		RawPriceRow staleCharizard = new RawPriceRow("sv151_charizard_ex_199", "199", "Charizard ex", "sv03.5",
				"SV: Scarlet & Violet 151", DAY, 1.0, "grail", null, "517045", "tcgcsv", null, null, null, "USD",
				Instant.parse("2025-10-24T03:00:00Z"));
		RawPricesCodec.write(file, List.of(staleCharizard, other));
		service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, null));
		List<RawPriceRow> rows = RawPricesCodec.read(file);
		assertThat(rows).extracting(RawPriceRow::cardId)
			.containsExactly("sv151_alakazam_ex_201", "sv151_charizard_ex_199", "sv151_mew_ex_151");
		assertThat(rows.get(1).marketPrice()).isEqualTo(257.96);
		assertThat(rows.get(2)).isEqualTo(other);
	}

	@Test
	void collectWhenExistingDayFileIsCorruptShouldLeaveItAndFailThatSetNamingIt() throws IOException {
		Path corrupt = this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-24.parquet");
		Files.createDirectories(corrupt.getParent());
		Files.writeString(corrupt, "not parquet at all, but someone's precious bytes");
		RunSummary summary = service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, null));
		assertThat(Files.readString(corrupt)).isEqualTo("not parquet at all, but someone's precious bytes");
		assertThat(summary.fileErrors()).singleElement()
			.satisfies((error) -> assertThat(error).contains(corrupt.toString()).contains("left untouched"));
		assertThat(summary.cards()).filteredOn((card) -> card.cardId().equals("sv151_charizard_ex_199"))
			.singleElement()
			.satisfies((card) -> assertThat(card.outcome()).isEqualTo(Outcome.FAILED));
		assertThat(summary.count(Outcome.COLLECTED)).isEqualTo(1);
		assertThat(summary.render()).contains("File error: " + corrupt);
	}

	@Test
	void collectWhenTemporaryFilesLeftByKilledRunShouldDeleteOnlyThem() throws IOException {
		Path raw = Files.createDirectories(this.dir.resolve("raw"));
		Path leftover = raw
			.resolve(".swsh07_evolving_skies_prices_2025-10-20.parquet.tmp-221c12f0-5d20-4877-abc8-e5dfeb9d7286");
		Files.writeString(leftover, "half a parquet file");
		Path other = raw.resolve(".notes.tmp-1");
		Files.writeString(other, "not ours");
		service(TestSupport.properties(null, this.server), "2026-08-23T03:00:00Z")
			.collect(request(SourceName.SAMPLE, DAY, null));
		assertThat(leftover).doesNotExist();
		assertThat(other).hasContent("not ours");
	}

	@Test
	void collectWhenDayNotInSampleShouldSkipItAndCollectNothing() {
		RunSummary summary = service(TestSupport.properties(null, this.server), "2026-11-22T03:00:00Z")
			.collect(request(SourceName.SAMPLE, LocalDate.of(2026, 11, 1), null));
		assertThat(summary.exitCode()).isEqualTo(1);
		assertThat(summary.unavailableDays()).containsOnlyKeys(LocalDate.of(2026, 11, 1));
		assertThat(summary.render()).contains("2026-11-01: not in the bundled sample")
			.contains("Nothing was collected");
		assertThat(this.dir.resolve("raw")).doesNotExist();
	}

	@Test
	void collectWhenPriceTrackerRefusesKeyShouldStopRunWithExitOne() {
		this.server.on("/cards", Reply.status(401));
		RunSummary summary = service(TestSupport.properties("secret-key-123", this.server), "2025-10-24T03:00:00Z")
			.collect(request(SourceName.AUTO, null, null));
		assertThat(summary.source()).isEqualTo("pokemonpricetracker");
		assertThat(summary.exitCode()).isEqualTo(1);
		assertThat(summary.fatalError()).contains("POKEMON_PRICE_API_KEY");
		assertThat(summary.render()).contains("Run stopped").doesNotContain("secret-key-123");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void collectWhenTcgcsvAndSetLacksGroupIdShouldNameFileAndField() throws IOException {
		Path cards = this.dir.resolve("cards.yaml");
		Files.writeString(cards, TWO_CARDS.replace(", tcgplayer_group_id: 2848", ""));
		CollectionService service = service(TestSupport.properties(null, this.server), "2025-10-26T03:00:00Z");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> service
				.collect(new CollectRequest(SourceName.TCGCSV, cards, this.dir.resolve("raw"), null, null)))
			.withMessageContaining(cards.toString())
			.withMessageContaining("sets[1].set.tcgplayer_group_id");
	}

	@Test
	void collectWhenTcgcsvShouldWriteTodaysPricesFromRecordedResponse() throws IOException {
		this.server
			.on("/tcgplayer/3/23237/prices", Reply.ok(StubServer.recorded("tcgcsv_prices_group23237_2025-10-26.json")))
			.on("/tcgplayer/3/2848/prices", Reply.status(500));
		RunSummary summary = service(TestSupport.properties(null, this.server), "2025-10-26T03:00:00Z")
			.collect(request(SourceName.TCGCSV, null, null));
		assertThat(summary.exitCode()).isZero();
		assertThat(RawPricesCodec.read(this.dir.resolve("raw/sv_scarlet__violet_151_prices_2025-10-26.parquet")))
			.extracting(RawPriceRow::cardId, RawPriceRow::marketPrice, RawPriceRow::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sv151_alakazam_ex_201", 53.76, "tcgcsv"),
					org.assertj.core.groups.Tuple.tuple("sv151_charizard_ex_199", 255.71, "tcgcsv"));
		assertThat(summary.cards()).filteredOn((card) -> card.cardId().equals("swsh07_umbreon_vmax_215"))
			.singleElement()
			.satisfies((card) -> {
				assertThat(card.outcome()).isEqualTo(Outcome.FAILED);
				assertThat(card.detail()).contains("gave up after 2 attempts");
			});
	}

	private CollectRequest request(SourceName source, LocalDate date, Integer days) {
		return new CollectRequest(source, cardsFile(), this.dir.resolve("raw"), date, days);
	}

	private Path cardsFile() {
		Path file = this.dir.resolve("cards.yaml");
		if (!Files.exists(file)) {
			try {
				Files.writeString(file, TWO_CARDS);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return file;
	}

	private CollectionService service(dev.pokewatch.collector.system.CollectorProperties properties, String now) {
		Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
		return new CollectionService(new PriceSources(properties, clock, new RecordingSleeper()),
				new CollectorMetrics(this.registry, clock), clock, Progress.Factory.log());
	}

}
