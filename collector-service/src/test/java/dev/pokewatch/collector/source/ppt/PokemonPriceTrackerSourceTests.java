package dev.pokewatch.collector.source.ppt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.collector.http.HttpSettings;
import dev.pokewatch.common.retry.HttpRetrySettings;
import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.collector.source.SourceAccessDeniedException;
import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.Monitoring;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

import static dev.pokewatch.collector.StubServer.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PokemonPriceTrackerSource}.
 */
class PokemonPriceTrackerSourceTests {

	private static final String KEY = "test-key-7f3a";

	private static final LocalDate TODAY = LocalDate.of(2025, 10, 13);

	private static final CardSet SET = new CardSet("hidden-fates", "Hidden Fates", "english");

	private final StubServer server = new StubServer();

	private final PokemonPriceTrackerSource source = new PokemonPriceTrackerSource(
			new RetryingHttpClient("pokemonpricetracker",
					new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
							new HttpRetrySettings(3, Duration.ofMillis(10), Duration.ofSeconds(1), 0,
									Duration.ofSeconds(60)),
							0),
					Clock.fixed(Instant.parse("2025-10-13T03:00:00Z"), ZoneOffset.UTC), new RecordingSleeper()),
			this.server.baseUri().resolve("/api/v2"), KEY,
			Clock.fixed(Instant.parse("2025-10-13T03:00:00Z"), ZoneOffset.UTC));

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void fetchWhenConditionsHistoryShouldUseHistoryAndCurrentPriceForToday() {
		this.server.on("tcgPlayerId=184242", Reply.ok(recorded("ppt_card_conditions_history.json")));
		SetBatch batch = this.source.fetch(set(card("hf_charizard_gx", "184242")), new DayWindow(TODAY, 2));
		assertThat(batch.cards()).singleElement().isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> {
			assertThat(collected.providerRarity()).isEqualTo("Ultra Rare");
			assertThat(collected.prices()).containsExactly(DailyPrice.market(TODAY.minusDays(1), 7.13),
					new DailyPrice(TODAY, 5.03, null, null, null));
		});
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
			assertThat(request.target())
				.isEqualTo("/api/v2/cards?tcgPlayerId=184242&language=english&includeHistory=true&days=2");
		});
	}

	@Test
	void fetchWhenVariantsHistoryWithTimestampsShouldReadDaysAndFallBackToMid() {
		this.server.on("tcgPlayerId=517045", Reply.ok(recorded("ppt_card_variants_history.json")));
		SetBatch batch = this.source.fetch(set(card("sv151_charizard_ex_199", "517045")),
				new DayWindow(TODAY.plusDays(4), 10));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class,
					(collected) -> assertThat(collected.prices()).containsExactly(
							new DailyPrice(TODAY, 70.5, 60.0, 70.5, null),
							DailyPrice.market(LocalDate.of(2025, 10, 17), 62.32)));
		assertThat(batch.unavailableDays()).containsOnlyKeys(TODAY.plusDays(1), TODAY.plusDays(2), TODAY.plusDays(3),
				TODAY.plusDays(4));
	}

	@Test
	void fetchWhenHistoryAbsentShouldCollectCurrentPriceOnly() {
		this.server.on("tcgPlayerId=566544", Reply.ok(recorded("ppt_card_no_history.json")));
		SetBatch batch = this.source.fetch(set(card("sv2a_charizard_ex", "566544")), new DayWindow(TODAY, 1));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> assertThat(collected.prices())
				.containsExactly(new DailyPrice(TODAY, 246.34, null, 240.0, null)));
	}

	@Test
	void fetchWhenOneAnswerIsMalformedShouldFailThatCardAndCollectTheOthers() {
		this.server.on("tcgPlayerId=111", Reply.ok("{\"data\": {\"name\": \"broken\", \"prices\": "))
			.on("tcgPlayerId=566544", Reply.ok(recorded("ppt_card_no_history.json")));
		SetBatch batch = this.source.fetch(set(card("broken", "111"), card("good", "566544")), new DayWindow(TODAY, 1));
		assertThat(batch.cards()).hasSize(2);
		assertThat(batch.cards().get(0)).isInstanceOfSatisfying(CardResult.Failed.class,
				(failed) -> assertThat(failed.reason()).contains("tcgPlayerId=111").contains("not valid JSON"));
		assertThat(batch.cards().get(1)).isInstanceOf(CardResult.Collected.class);
	}

	@Test
	void fetchWhenDataIsEmptyShouldSkipCard() {
		this.server.on("tcgPlayerId=222", Reply.ok("{\"data\": [], \"metadata\": {\"total\": 0}}"))
			.on("tcgPlayerId=333", Reply.ok("{\"data\": null}"));
		SetBatch batch = this.source.fetch(set(card("none", "222"), card("null", "333")), new DayWindow(TODAY, 1));
		assertThat(batch.cards())
			.allSatisfy((result) -> assertThat(result).isInstanceOfSatisfying(CardResult.Skipped.class,
					(skipped) -> assertThat(skipped.reason()).contains("no data")));
	}

	@Test
	void fetchWhenKeyRefusedShouldStopWithoutShowingTheKey() {
		this.server.on("/cards", Reply.status(401));
		assertThatExceptionOfType(SourceAccessDeniedException.class)
			.isThrownBy(() -> this.source.fetch(set(card("a", "184242"), card("b", "566544")), new DayWindow(TODAY, 1)))
			.withMessageContaining("refused the API key")
			.withMessageContaining("POKEMON_PRICE_API_KEY")
			.withMessageNotContaining(KEY);
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void fetchWhenTrackAllShouldRequestWholeSetOnceAndNameUnlistedCards() {
		this.server.on("fetchAllInSet=true", Reply.ok(recorded("ppt_set_fetch_all.json")));
		TrackedSet set = new TrackedSet(SET, List.of(card("hf_charizard_gx", "184242"), card("missing", "999")), true);
		SetBatch batch = this.source.fetch(set, new DayWindow(TODAY, 2));
		assertThat(this.server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.target()).isEqualTo(
					"/api/v2/cards?setId=hidden-fates&fetchAllInSet=true&language=english&includeHistory=true&days=2"));
		assertThat(batch.cards()).extracting((result) -> result.card().internalId())
			.containsExactly("hf_charizard_gx", "hidden_fates_566544", "missing");
		assertThat(batch.cards().get(0)).isInstanceOfSatisfying(CardResult.Collected.class,
				(collected) -> assertThat(collected.prices()).hasSize(2));
		assertThat(batch.cards().get(1)).isInstanceOfSatisfying(CardResult.Collected.class,
				(collected) -> assertThat(collected.card().name()).isEqualTo("Charizard ex - 201/165"));
		assertThat(batch.cards().get(2)).isInstanceOf(CardResult.Skipped.class);
	}

	@Test
	void fetchWhenServerErrorOnceShouldRetryAndCollect() {
		this.server.on("tcgPlayerId=566544", Reply.status(500), Reply.ok(recorded("ppt_card_no_history.json")));
		SetBatch batch = this.source.fetch(set(card("c", "566544")), new DayWindow(TODAY, 1));
		assertThat(batch.cards()).singleElement().isInstanceOf(CardResult.Collected.class);
		assertThat(this.server.requests()).hasSize(2);
	}

	private static TrackedSet set(TrackedCard... cards) {
		return new TrackedSet(SET, List.of(cards), false);
	}

	private static TrackedCard card(String id, String tcgplayerId) {
		return new TrackedCard(id, id, null, tcgplayerId, null, "chase", List.of(), Monitoring.DEFAULT);
	}

}
