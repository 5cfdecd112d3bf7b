package dev.pokewatch.collector.source.sample;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.Monitoring;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SamplePriceSource}.
 */
class SamplePriceSourceTests {

	private static final LocalDate LAST_DAY = LocalDate.of(2026, 8, 22);

	private static final LocalDate ANY_TODAY = LocalDate.of(2030, 1, 1);

	private static final LocalDate FIRST_DAY = LocalDate.of(2025, 4, 22);

	private static final CardSet SET_151 = new CardSet("sv03.5", "SV: Scarlet & Violet 151", "english", "23237");

	private final SamplePriceSource source = new SamplePriceSource(null);

	@Test
	void windowWhenNothingGivenShouldReplayEveryBundledDay() {
		DayWindow window = this.source.window(null, null, ANY_TODAY);
		assertThat(window).isEqualTo(new DayWindow(LAST_DAY, 488));
		assertThat(window.start()).isEqualTo(FIRST_DAY);
	}

	@Test
	void windowWhenReplayDaysConfiguredAndNothingGivenShouldReplayLastDays() {
		assertThat(new SamplePriceSource(120).window(null, null, ANY_TODAY)).isEqualTo(new DayWindow(LAST_DAY, 120));
	}

	@Test
	void windowWhenDateOrDaysGivenShouldUseThem() {
		LocalDate day = LocalDate.of(2025, 10, 24);
		assertThat(this.source.window(day, null, ANY_TODAY)).isEqualTo(new DayWindow(day, 1));
		assertThat(this.source.window(null, 7, ANY_TODAY)).isEqualTo(new DayWindow(LAST_DAY, 7));
		assertThat(this.source.window(day, 3, ANY_TODAY)).isEqualTo(new DayWindow(day, 3));
	}

	@Test
	void fetchWhenRecordedCardShouldReplayRealPricesOfTheWindow() {
		// Charizard ex 151 #199: the SOURCE.md cross-check value of 2025-10-24 is 257.96
		SetBatch batch = this.source.fetch(set(card("charizard", "517045")),
				new DayWindow(LocalDate.of(2025, 10, 24), 1));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> assertThat(collected.prices())
				.containsExactly(DailyPrice.market(LocalDate.of(2025, 10, 24), 257.96)));
		assertThat(batch.unavailableDays()).isEmpty();
	}

	@Test
	void fetchWhenProductInBothDatasetsShouldReplayPytcgplayerOnly() {
		// Charizard ex 151 #199 on 2025-09-21: pytcgplayer 305.26, TCGCSV 301.91
		// (SOURCE.md)
		DayWindow day = new DayWindow(LocalDate.of(2025, 9, 21), 1);
		SetBatch listed = this.source.fetch(set(card("charizard", "517045")), day);
		assertThat(listed.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> assertThat(collected.prices())
				.containsExactly(DailyPrice.market(LocalDate.of(2025, 9, 21), 305.26)));
		SetBatch wholeSet = this.source.fetch(new TrackedSet(SET_151, List.of(), true), day);
		assertThat(wholeSet.cards()).extracting((result) -> result.card().tcgplayerId())
			.isNotEmpty()
			.doesNotContain("517045", "503313");
	}

	@Test
	void fetchWhenListedCardOnlyInTcgcsvShouldReplayItsPrintingWithLowMidHigh() {
		TrackedCard squirtle = new TrackedCard("squirtle", "Squirtle", "007", "502548", null, "single", List.of(),
				Monitoring.DEFAULT, null, "Reverse Holofoil");
		SetBatch batch = this.source.fetch(set(squirtle), new DayWindow(LocalDate.of(2025, 9, 21), 1));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> assertThat(collected.prices())
				.containsExactly(new DailyPrice(LocalDate.of(2025, 9, 21), 0.22, 0.04, 0.25, 5.99)));
	}

	@Test
	void fetchWhenTrackAllShouldReplayEveryPrintingOfUnlistedProductsAsWholeSetCards() {
		TrackedSet wholeSet = new TrackedSet(SET_151, List.of(card("sv151_alakazam_ex_201", "517047")), true);
		SetBatch batch = this.source.fetch(wholeSet, new DayWindow(LocalDate.of(2025, 10, 26), 36));
		assertThat(batch.cards()).extracting((result) -> result.card().internalId())
			.startsWith("sv151_alakazam_ex_201")
			.contains("sv_scarlet__violet_151_502548_normal", "sv_scarlet__violet_151_502548_reverse_holofoil")
			.noneMatch((id) -> id.startsWith("sv_scarlet__violet_151_517047"))
			.doesNotHaveDuplicates();
		assertThat(batch.cards()).filteredOn((result) -> "502548".equals(result.card().tcgplayerId()))
			.hasSize(2)
			.allSatisfy((result) -> {
				assertThat(result.card().name()).isEqualTo("Squirtle");
				assertThat(result.card().category()).isEqualTo("single");
				assertThat(((CardResult.Collected) result).prices()).hasSize(36);
			});
		assertThat(batch.unavailableDays()).isEmpty();
	}

	@Test
	void fetchWhenTrackAllAndWindowBeforeTcgcsvRecordingShouldReplayOnlyListedCards() {
		TrackedSet wholeSet = new TrackedSet(SET_151, List.of(card("charizard", "517045")), true);
		SetBatch batch = this.source.fetch(wholeSet, new DayWindow(FIRST_DAY.plusDays(10), 10));
		assertThat(batch.cards()).singleElement()
			.satisfies((result) -> assertThat(result.card().internalId()).isEqualTo("charizard"));
	}

	@Test
	void fetchWhenSuspectRowsInWindowShouldKeepThem() {
		// Lugia V 186 has real zero prices flagged suspect in the recording
		SetBatch batch = this.source.fetch(set(card("lugia", "451834")), new DayWindow(LAST_DAY, 480));
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class, (collected) -> assertThat(collected.prices())
				.anySatisfy((price) -> assertThat(price.market()).isZero()));
	}

	@Test
	void fetchWhenCardNotInSampleShouldSkipIt() {
		SetBatch batch = this.source.fetch(
				set(card("unknown", "42"),
						new TrackedCard("no_id", "No id", null, null, null, null, List.of(), Monitoring.DEFAULT)),
				new DayWindow(LAST_DAY, 1));
		assertThat(batch.cards()).hasSize(2)
			.allSatisfy((result) -> assertThat(result).isInstanceOf(CardResult.Skipped.class));
		assertThat(((CardResult.Skipped) batch.cards().get(0)).reason()).contains("42").contains("not in the sample");
	}

	@Test
	void fetchWhenDaysOutsideSampleShouldReportThem() {
		// the recording of 517045 ends on 2026-08-21, the sample on 2026-08-22
		SetBatch batch = this.source.fetch(set(card("charizard", "517045")), new DayWindow(LAST_DAY.plusDays(2), 4));
		assertThat(batch.unavailableDays()).containsOnlyKeys(LAST_DAY.plusDays(1), LAST_DAY.plusDays(2));
		assertThat(batch.unavailableDays().get(LAST_DAY.plusDays(1))).contains("2025-04-22..2026-08-22");
		assertThat(batch.cards()).singleElement()
			.isInstanceOfSatisfying(CardResult.Collected.class,
					(collected) -> assertThat(collected.prices()).extracting(DailyPrice::date)
						.containsExactly(LAST_DAY.minusDays(1)));
	}

	private static TrackedSet set(TrackedCard... cards) {
		return new TrackedSet(new CardSet("s", "Set", null), List.of(cards), false);
	}

	private static TrackedCard card(String id, String tcgplayerId) {
		return new TrackedCard(id, id, null, tcgplayerId, null, "chase", List.of(), Monitoring.DEFAULT);
	}

}
