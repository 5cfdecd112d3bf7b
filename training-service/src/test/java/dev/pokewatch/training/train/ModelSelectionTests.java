package dev.pokewatch.training.train;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Tests for {@link ModelSelection}.
 */
class ModelSelectionTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

	// a flat price with a one-day 20 % dip every 10 days: dips are BUY signals that
	// recover, so trailing models have a positive lift
	private final List<CardSeries> series = List.of(card("a", 100), card("b", 50));

	@Test
	void runWhenModelsHaveEnoughSignalsShouldChooseBestLiftOnSelectionWindow() {
		ModelSelection.Result result = ModelSelection.run(this.series, FIRST, FIRST.plusDays(99), params(3));
		assertThat(result.selectionWindow().to()).isEqualTo(FIRST.plusDays(79));
		assertThat(result.selectionWindow().outcomeCutoff()).isEqualTo(FIRST.plusDays(79));
		assertThat(result.holdoutWindow().from()).isEqualTo(FIRST.plusDays(80));
		assertThat(result.chosen().eligible()).isTrue();
		assertThat(result.chosen().selection().signalLift()).isPositive();
		assertThat(result.reason()).contains("signal lift");
		double best = result.grid()
			.stream()
			.filter(ModelSelection.Candidate::eligible)
			.mapToDouble((c) -> c.selection().signalLift())
			.max()
			.orElseThrow();
		assertThat(result.chosen().selection().signalLift()).isEqualTo(best);
		assertThat(result.metrics()).containsKeys("mape", "naive_mape", "legacy_insample_mape",
				"selection_signal_lift_7d");
		assertThat(result.gridMetrics()).containsKeys("grid_sma_3_selection_mape", "grid_median_7_holdout_mape");
	}

	@Test
	void runWhenTooFewSignalsShouldChooseLowestSelectionMape() {
		ModelSelection.Result result = ModelSelection.run(this.series, FIRST, FIRST.plusDays(99), params(10_000));
		assertThat(result.reason()).contains("chose the lowest MAPE");
		double lowest = result.grid().stream().mapToDouble((c) -> c.selection().mape()).min().orElseThrow();
		assertThat(result.chosen().selection().mape()).isEqualTo(lowest);
		// by hand: a median of the previous 3 or 7 days ignores a one-day dip, so only
		// dip days miss (|100 - 80| / 80 = 25 % on 1 day in 10); an SMA also misses the
		// days after a dip (fair 93.3 for 3 days), so MEDIAN must win
		assertThat(result.chosen().model().type()).isEqualTo(FairPriceType.MEDIAN);
		assertThat(result.chosen().selection().mape()).isCloseTo(2.5, offset(0.3));
	}

	private static TrainingParams params(int minSignals) {
		return new TrainingParams(
				new TrainingParams.Paths(Path.of("r"), Path.of("p"), Path.of("c"), Path.of("b"), Path.of("o")),
				OutlierRule.DEFAULT, SignalRule.DEFAULT,
				new TrainingParams.Train(List.of(FairPriceType.SMA, FairPriceType.MEDIAN), List.of(3, 7), 20, 7,
						minSignals, 0.0, 7, "e", "m", 2),
				new TrainingParams.Gate(20, 0.8, 0.5, 0.05, true));
	}

	private static CardSeries card(String id, double level) {
		double[] prices = new double[100];
		Arrays.fill(prices, level);
		for (int d = 5; d < 100; d += 10) {
			prices[d] = level * 0.8;
		}
		return new CardSeries(id, id, "s", "c", FIRST, prices, prices.clone(), new boolean[100]);
	}

}
