package dev.pokewatch.collector.source.tcgcsv;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.RecordingSleeper;
import dev.pokewatch.collector.StubServer.Reply;
import dev.pokewatch.collector.StubServer;
import dev.pokewatch.collector.http.HttpSettings;
import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.CardsConfig;
import dev.pokewatch.common.card.CardsConfigException;
import dev.pokewatch.common.card.Monitoring;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;
import dev.pokewatch.common.retry.HttpRetrySettings;

import static dev.pokewatch.collector.StubServer.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link TcgcsvSource}.
 */
class TcgcsvSourceTests {

	private static final LocalDate TODAY = LocalDate.of(2025, 10, 26);

	private static final CardSet SET_151 = new CardSet("sv03.5", "SV: Scarlet & Violet 151", "english", "23237");

	private final StubServer server = new StubServer();

	private final Clock clock = Clock.fixed(Instant.parse("2025-10-26T03:00:00Z"), ZoneOffset.UTC);

	private final TcgcsvSource source = new TcgcsvSource(
			new RetryingHttpClient("tcgcsv",
					new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
							new HttpRetrySettings(3, Duration.ofMillis(10), Duration.ofSeconds(1), 0,
									Duration.ofSeconds(60)),
							0),
					this.clock, new RecordingSleeper()),
			this.server.baseUri(), 3, this.clock);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void checkConfigWhenSetLacksGroupIdShouldNameFileAndField() {
		CardsConfig config = new CardsConfig(List.of(new TrackedSet(SET_151, List.of(), true),
				new TrackedSet(new CardSet("swsh07", "SWSH07: Evolving Skies", "english", null), List.of(), true)));
		assertThatExceptionOfType(CardsConfigException.class)
			.isThrownBy(() -> this.source.checkConfig(config, Path.of("cards.yaml")))
			.withMessage("cards.yaml: sets[1].set.tcgplayer_group_id: is required by --source tcgcsv "
					+ "(the TCGplayer group id of 'SWSH07: Evolving Skies')");
	}

	@Test
	void fetchWhenRecordedResponseShouldPriceTrackedProductsFromOneRequest() {
		this.server.on("/tcgplayer/3/23237/prices", Reply.ok(recorded("tcgcsv_prices_group23237_2025-10-26.json")));
		SetBatch batch = this.source.fetch(set(card("charizard", "517045", null), card("first", "501999", null)),
				new DayWindow(TODAY, 1));
		assertThat(this.server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.authorization()).isNull());
		assertThat(batch.cards().get(0)).isInstanceOfSatisfying(CardResult.Collected.class,
				(collected) -> assertThat(collected.prices())
					.containsExactly(new DailyPrice(TODAY, 255.71, 241.99, 290.25, 999.0)));
		assertThat(batch.cards().get(1)).isInstanceOfSatisfying(CardResult.Collected.class,
				(collected) -> assertThat(collected.prices())
					.containsExactly(new DailyPrice(TODAY, 955.26, 885.01, 1000.0, 9750.0)));
	}

	@Test
	void fetchWhenSeveralPrintingsShouldPickConfiguredElseHolofoilElseFirstPriced() {
		this.server.on("/prices", Reply
			.ok("""
					{"success": true, "errors": [], "results": [
					  {"productId": 1, "lowPrice": 1.0, "midPrice": 2.0, "highPrice": 3.0, "marketPrice": 1.5, "directLowPrice": null, "subTypeName": "Normal"},
					  {"productId": 1, "lowPrice": 5.0, "midPrice": 6.0, "highPrice": 7.0, "marketPrice": 5.5, "directLowPrice": null, "subTypeName": "Reverse Holofoil"},
					  {"productId": 1, "lowPrice": 8.0, "midPrice": 9.0, "highPrice": 10.0, "marketPrice": 8.5, "directLowPrice": null, "subTypeName": "Holofoil"},
					  {"productId": 2, "lowPrice": 1.0, "midPrice": null, "highPrice": null, "marketPrice": null, "directLowPrice": null, "subTypeName": "Normal"},
					  {"productId": 2, "lowPrice": 4.0, "midPrice": null, "highPrice": null, "marketPrice": 4.2, "directLowPrice": null, "subTypeName": "Reverse Holofoil"}
					]}"""));
		SetBatch batch = this.source.fetch(set(card("reverse", "1", "Reverse Holofoil"), card("holo", "1", null),
				card("priced", "2", null), card("absent-printing", "2", "Holofoil"), card("unknown", "3", null)),
				new DayWindow(TODAY, 1));
		assertThat(batch.cards()).extracting((result) -> result.card().internalId())
			.containsExactly("reverse", "holo", "priced", "absent-printing", "unknown");
		assertThat(market(batch.cards().get(0))).isEqualTo(5.5);
		assertThat(market(batch.cards().get(1))).isEqualTo(8.5);
		assertThat(market(batch.cards().get(2))).isEqualTo(4.2);
		assertThat(batch.cards().get(3)).isInstanceOfSatisfying(CardResult.Skipped.class,
				(skipped) -> assertThat(skipped.reason()).contains("'Holofoil' is not listed"));
		assertThat(batch.cards().get(4)).isInstanceOfSatisfying(CardResult.Skipped.class,
				(skipped) -> assertThat(skipped.reason()).contains("not in the group's price list"));
	}

	@Test
	void fetchWhenWindowHasPastDaysShouldReportThemUnavailable() {
		this.server.on("/prices", Reply.ok(recorded("tcgcsv_prices_group23237_2025-10-26.json")));
		SetBatch batch = this.source.fetch(set(card("charizard", "517045", null)), new DayWindow(TODAY, 3));
		assertThat(batch.unavailableDays()).containsOnlyKeys(TODAY.minusDays(2), TODAY.minusDays(1));
		assertThat(batch.cards()).singleElement().isInstanceOf(CardResult.Collected.class);
	}

	@Test
	void fetchWhenMalformedJsonShouldFailTheSetsCards() {
		this.server.on("/prices", Reply.ok("{\"success\": true, \"results\": [ {\"productId\": "));
		SetBatch batch = this.source.fetch(set(card("charizard", "517045", null)), new DayWindow(TODAY, 1));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Failed.class,
					(failed) -> assertThat(failed.reason()).contains("/tcgplayer/3/23237/prices")
						.contains("not valid JSON"));
	}

	@Test
	void fetchWhenTrackAllShouldCollectEveryPrintingOfUnlistedProductsWithStableIds() {
		this.server.on("/prices", Reply.ok(recorded("tcgcsv_prices_group23237_2025-10-26.json")));
		TrackedSet wholeSet = new TrackedSet(SET_151, List.of(card("sv151_charizard_ex_199", "517045", null)), true);
		SetBatch batch = this.source.fetch(wholeSet, new DayWindow(TODAY, 1));
		// the recording has 397 (product, printing) rows; the listed product's one row is
		// priced once, for its listed card
		assertThat(batch.cards()).hasSize(397)
			.allSatisfy((result) -> assertThat(result).isInstanceOf(CardResult.Collected.class));
		assertThat(batch.cards()).extracting((result) -> result.card().internalId())
			.startsWith("sv151_charizard_ex_199")
			.contains("sv_scarlet__violet_151_517047_holofoil", "sv_scarlet__violet_151_502548_normal",
					"sv_scarlet__violet_151_502548_reverse_holofoil")
			.noneMatch((id) -> id.startsWith("sv_scarlet__violet_151_517045"))
			.doesNotHaveDuplicates();
		assertThat(batch.cards()).filteredOn((result) -> result.card().tcgplayerId().equals("502548"))
			.extracting((result) -> result.card().printing(), (result) -> market(result))
			.containsExactly(tuple("Reverse Holofoil", 0.16), tuple("Normal", 0.15));
		assertThat(batch.cards()).filteredOn((result) -> result.card().tcgplayerId().equals("502548"))
			.allSatisfy((result) -> assertThat(result.card())
				.extracting(TrackedCard::name, TrackedCard::cardNumber, TrackedCard::rarity, TrackedCard::category)
				.containsExactly("Squirtle", "007", "Common", "single"));
		// a sealed product the bundled catalog has no name for
		assertThat(batch.cards()).filteredOn((result) -> result.card().tcgplayerId().equals("501999"))
			.singleElement()
			.satisfies((result) -> assertThat(result.card())
				.extracting(TrackedCard::internalId, TrackedCard::name, TrackedCard::category)
				.containsExactly("sv_scarlet__violet_151_501999_normal", "product 501999", "sealed"));
	}

	private static Double market(CardResult result) {
		assertThat(result).isInstanceOf(CardResult.Collected.class);
		return ((CardResult.Collected) result).prices().get(0).market();
	}

	private static TrackedSet set(TrackedCard... cards) {
		return new TrackedSet(SET_151, List.of(cards), false);
	}

	private static TrackedCard card(String id, String tcgplayerId, String printing) {
		return new TrackedCard(id, id, null, tcgplayerId, null, "chase", List.of(), Monitoring.DEFAULT, null, printing);
	}

}
