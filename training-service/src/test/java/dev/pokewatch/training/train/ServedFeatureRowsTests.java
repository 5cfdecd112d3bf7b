package dev.pokewatch.training.train;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.served.ServedFeaturesCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServedFeatureRows}.
 */
class ServedFeatureRowsTests {

	private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

	private static final double NaN = Double.NaN;

	@Test
	void ofShouldListEveryCollectedDaySortedByCardAndDay() {
		// "b" comes first in the series but sorts last; "a" has a gap and a day collected
		// without a price
		CardSeries b = new CardSeries("b", "B", "Set", "chase", DAY.plusDays(1), new double[] { 3.0 },
				new double[] { 3.0 }, new boolean[] { false }, new boolean[] { true });
		CardSeries a = new CardSeries("a", "A", "Set", "grail", DAY, new double[] { 1.0, NaN, NaN, NaN },
				new double[] { 1.0, NaN, NaN, 9.0 }, new boolean[] { false, false, false, true },
				new boolean[] { true, true, false, true });
		List<Backtest.SeriesForecast> forecasts = List.of(new Backtest.SeriesForecast(b, new double[] { 2.5 }, null),
				new Backtest.SeriesForecast(a, new double[] { NaN, 1.0, 1.0, 1.0 },
						new double[] { NaN, NaN, 0.02, 0.03 }));

		List<ServedFeaturesCodec.Row> rows = ServedFeatureRows.of(forecasts).toList();

		assertThat(rows).containsExactly(
				new ServedFeaturesCodec.Row("a", "A", "Set", "grail", DAY, 1.0, null, null, false),
				new ServedFeaturesCodec.Row("a", "A", "Set", "grail", DAY.plusDays(1), null, 1.0, null, false),
				new ServedFeaturesCodec.Row("a", "A", "Set", "grail", DAY.plusDays(3), 9.0, 1.0, 0.03, true),
				new ServedFeaturesCodec.Row("b", "B", "Set", "chase", DAY.plusDays(1), 3.0, 2.5, null, false));
	}

}
