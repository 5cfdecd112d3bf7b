package dev.pokewatch.common.feature;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.price.RawPriceRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link FeatureBuilder}.
 */
class FeatureBuilderTests {

	private static final LocalDate DAY1 = LocalDate.of(2026, 1, 1);

	@Test
	void deduplicateWhenSameCardAndDayShouldKeepLatestCollected() {
		RawPriceRow early = row("a", DAY1, 10.0, "2026-01-01T10:00:00Z");
		RawPriceRow late = row("a", DAY1, 11.0, "2026-01-01T12:00:00Z");
		RawPriceRow tieLater = row("a", DAY1, 12.0, "2026-01-01T12:00:00Z");
		assertThat(FeatureBuilder.deduplicate(List.of(late, early))).containsExactly(late);
		assertThat(FeatureBuilder.deduplicate(List.of(late, tieLater, early))).containsExactly(tieLater);
	}

	@Test
	void deduplicateWhenManyCardsDaysAndCollectionsShouldEqualKeepingLatestPerCardDayThenSorting() {
		java.util.Random random = new java.util.Random(5);
		List<RawPriceRow> rows = new java.util.ArrayList<>();
		for (int n = 0; n < 20_000; n++) {
			LocalDate day = DAY1.plusDays(random.nextInt(60));
			// few distinct collection times: ties between rows of one card and day are
			// common, and the later row must win them
			Instant collected = day.atStartOfDay(java.time.ZoneOffset.UTC)
				.toInstant()
				.plusSeconds(3600L * random.nextInt(3));
			rows.add(new RawPriceRow("card-" + random.nextInt(150), null, "Name", "s1", "Set", day,
					(double) random.nextInt(1000), null, null, null, "sample", null, null, null, "USD", collected));
		}
		java.util.Map<RawPriceRow.CardDay, RawPriceRow> latest = new java.util.HashMap<>();
		for (RawPriceRow row : rows) {
			latest.merge(row.key(), row,
					(kept, candidate) -> candidate.collectedAt().isBefore(kept.collectedAt()) ? kept : candidate);
		}
		List<RawPriceRow> expected = new java.util.ArrayList<>(latest.values());
		expected.sort(java.util.Comparator.comparing(RawPriceRow::cardId).thenComparing(RawPriceRow::date));
		List<RawPriceRow> unique = FeatureBuilder.deduplicate(rows);
		assertThat(unique).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(unique.get(i)).as("row %d", i).isSameAs(expected.get(i));
		}
	}

	@Test
	void buildWhenDaysMissingAndZeroPriceShouldUsePreviousUsableCalendarDays() {
		List<RawPriceRow> rows = List.of(row("a", DAY1, 10.0), row("a", DAY1.plusDays(1), 12.0),
				row("a", DAY1.plusDays(3), 0.0), row("a", DAY1.plusDays(4), 14.0), row("a", DAY1.plusDays(5), 16.0));
		List<ProcessedPriceRow> out = FeatureBuilder.build(rows, OutlierRule.DEFAULT);
		assertThat(out).hasSize(5);
		ProcessedPriceRow zero = out.get(2);
		assertThat(zero.outlier()).isTrue();
		assertThat(zero.outlierReason()).isEqualTo(OutlierRule.NON_POSITIVE);
		assertThat(zero.priceReturn1d()).isNull();
		ProcessedPriceRow day5 = out.get(3);
		assertThat(day5.lag1()).isNull();
		assertThat(day5.rollingMean3()).isEqualTo(12.0);
		assertThat(day5.rollingMean5()).isEqualTo(11.0);
		assertThat(day5.fairValueBaseline()).isEqualTo(12.0);
		assertThat(day5.priceReturn1d()).isNull();
		ProcessedPriceRow day6 = out.get(4);
		assertThat(day6.lag1()).isEqualTo(14.0);
		assertThat(day6.rollingMean3()).isEqualTo(14.0);
		assertThat(day6.rollingMean5()).isEqualTo(12.0);
		assertThat(day6.priceReturn1d()).isCloseTo(16.0 / 14.0 - 1, within(1e-12));
		assertThat(day6.outlier()).isFalse();
	}

	@Test
	void buildWhenSinglePointShouldHaveNoFeatures() {
		ProcessedPriceRow only = FeatureBuilder.build(List.of(row("a", DAY1, 5.0)), OutlierRule.DEFAULT).get(0);
		assertThat(only.lag1()).isNull();
		assertThat(only.rollingMean3()).isNull();
		assertThat(only.fairValueBaseline()).isNull();
		assertThat(only.outlier()).isFalse();
		assertThat(only.usable()).isTrue();
	}

	@Test
	void buildWhenOutlierShouldKeepRowButExcludeItFromLaterFeatures() {
		List<RawPriceRow> rows = List.of(row("a", DAY1, 100.0), row("a", DAY1.plusDays(1), 100.0),
				row("a", DAY1.plusDays(2), 100.0), row("a", DAY1.plusDays(3), 1.5), row("a", DAY1.plusDays(4), 103.0),
				row("b", DAY1, -3.0), row("a", DAY1.plusDays(3), 1.0, "2025-12-31T00:00:00Z"));
		List<ProcessedPriceRow> out = FeatureBuilder.build(rows, OutlierRule.DEFAULT);
		assertThat(out).extracting((r) -> r.raw().cardId()).containsExactly("a", "a", "a", "a", "a", "b");
		assertThat(out.get(3).raw().marketPrice()).isEqualTo(1.5);
		assertThat(out.get(3).outlier()).isTrue();
		assertThat(out.get(3).robustLevel()).isEqualTo(100.0);
		assertThat(out.get(4).lag1()).isNull();
		assertThat(out.get(4).rollingMean3()).isEqualTo(100.0);
		assertThat(out.get(5).outlierReason()).isEqualTo(OutlierRule.NON_POSITIVE);
	}

	@Test
	void buildWhenPriceNullShouldNotFlagNorUse() {
		List<ProcessedPriceRow> out = FeatureBuilder.build(
				List.of(row("a", DAY1, 10.0), row("a", DAY1.plusDays(1), null), row("a", DAY1.plusDays(2), 20.0)),
				OutlierRule.DEFAULT);
		assertThat(out.get(1).outlier()).isFalse();
		assertThat(out.get(1).usable()).isFalse();
		assertThat(out.get(2).rollingMean3()).isEqualTo(10.0);
		assertThat(out.get(2).lag1()).isNull();
	}

	static RawPriceRow row(String card, LocalDate date, Double price) {
		return row(card, date, price, date + "T12:00:00Z");
	}

	static RawPriceRow row(String card, LocalDate date, Double price, String collectedAt) {
		return new RawPriceRow(card, "001", "Card " + card, "s1", "Set One", date, price, "ultra_rare", "Rare", "1",
				"sample", null, null, null, "USD", Instant.parse(collectedAt));
	}

}
