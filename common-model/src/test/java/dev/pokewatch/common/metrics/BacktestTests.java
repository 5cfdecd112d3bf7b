package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Backtest}.
 */
class BacktestTests {

	private static final LocalDate DAY0 = LocalDate.of(2026, 5, 1);

	private static final double NaN = Double.NaN;

	private static final FairPriceRule LAST = new FairPriceRule(FairPriceType.LAST, 7);

	// day 2 was flagged as an outlier (5.0 collected), day 5 is missing
	private final CardSeries card = new CardSeries("a", "A", "S", "Ultra Rare", DAY0,
			new double[] { 100, 110, NaN, 98, 120, NaN, 125 }, new double[] { 100, 110, 5, 98, 120, NaN, 125 },
			new boolean[] { false, false, true, false, false, false, false });

	@Test
	void evaluateShouldScoreOnlyUsablePricesWithFairPrices() {
		BacktestMetrics m = evaluate(List.of(this.card), EvaluationWindow.of(DAY0, DAY0.plusDays(10)), 1);
		// scored: day1 fair 100 vs 110, day3 110 vs 98, day4 98 vs 120, day6 120 vs 125
		assertThat(m.points()).isEqualTo(5);
		assertThat(m.datasetSize()).isEqualTo(4);
		assertThat(m.coverageRate()).isEqualTo(0.8);
		double mape = (10 / 110.0 + 12 / 98.0 + 22 / 120.0 + 5 / 125.0) / 4 * 100;
		assertThat(m.mape()).isCloseTo(mape, within(1e-9));
		assertThat(m.rmse()).isCloseTo(Math.sqrt((100 + 144 + 484 + 25) / 4.0), within(1e-9));
		assertThat(m.mapeByCategory()).containsOnlyKeys("ultra_rare");
		// day1 +10 % HOLD, day3 -10.9 % BUY, day4 +22.4 % SELL, day6 +4.2 % HOLD
		assertThat(m.buySignals()).isEqualTo(1);
		assertThat(m.sellSignals()).isEqualTo(1);
		assertThat(m.holdRate()).isEqualTo(0.5);
		assertThat(m.buyRate()).isEqualTo(0.25);
		// horizon 1: day1 -> outlier (no outcome), day3 -> 120 up, day4 -> missing, day6
		// -> end
		assertThat(m.outcomes()).isEqualTo(1);
		assertThat(m.buyHitRate()).isEqualTo(1.0);
		assertThat(m.baseUpRate()).isEqualTo(1.0);
		assertThat(m.sellHitRate()).isNaN();
		assertThat(m.signalLift()).isEqualTo(0.0);
	}

	@Test
	void evaluateWhenHorizonTwoShouldReadOutcomesTwoDaysLater() {
		BacktestMetrics m = evaluate(List.of(this.card), EvaluationWindow.of(DAY0, DAY0.plusDays(10)), 2);
		// day1 -> day3 98 down (HOLD), day3 -> day5 missing, day4 SELL -> day6 125 up:
		// miss
		assertThat(m.outcomes()).isEqualTo(2);
		assertThat(m.baseUpRate()).isEqualTo(0.5);
		assertThat(m.baseDownRate()).isEqualTo(0.5);
		assertThat(m.sellHitRate()).isEqualTo(0.0);
		assertThat(m.sellLift()).isEqualTo(-0.5);
		assertThat(m.signalLift()).isEqualTo(-0.5);
		assertThat(m.sellEvidence()).isEqualTo(new SignalEvidence(Signal.SELL, 1, 0, 0.5));
		assertThat(m.buyEvidence().signals()).isZero();
		// 0 of 1: Wilson [0, 0.7935] minus 0.5
		assertThat(m.toMap(2)).containsEntry("sell_signals_2d", 1.0)
			.containsEntry("sell_lift_pp_2d", -50.0)
			.containsEntry("sell_lift_pp_2d_low", -50.0)
			.containsKey("sell_lift_pp_2d_high")
			.containsEntry("buy_signals_2d", 0.0)
			.doesNotContainKey("buy_lift_pp_2d");
	}

	@Test
	void evaluateWhenOutcomeAfterCutoffShouldIgnoreIt() {
		BacktestMetrics m = evaluate(List.of(this.card),
				new EvaluationWindow(DAY0, DAY0.plusDays(10), DAY0.plusDays(3)), 1);
		assertThat(m.outcomes()).isZero();
		assertThat(m.buyHitRate()).isNaN();
		assertThat(m.datasetSize()).isEqualTo(4);
	}

	@Test
	void evaluateWhenWindowRestrictedShouldScoreOnlyItsDays() {
		CardSeries other = new CardSeries("b", "B", "S", null, DAY0.plusDays(3), new double[] { 50, 40 },
				new double[] { 50, 40 }, new boolean[2]);
		BacktestMetrics m = evaluate(List.of(this.card, other), EvaluationWindow.of(DAY0.plusDays(4), DAY0.plusDays(4)),
				1);
		assertThat(m.points()).isEqualTo(2);
		assertThat(m.mapeByCategory()).containsEntry("unknown", 10 / 40.0 * 100)
			.containsEntry("ultra_rare", 22 / 120.0 * 100);
		assertThat(m.toMap(7)).containsKeys("mape", "buy_hit_rate_7d", "mape_unknown", "mape_ultra_rare");
	}

	@Test
	void evaluateWhenNoPointsShouldLeaveMetricsUndefined() {
		BacktestMetrics m = evaluate(List.of(this.card), EvaluationWindow.of(DAY0.plusDays(20), DAY0.plusDays(30)), 7);
		assertThat(m.points()).isZero();
		assertThat(m.mape()).isNaN();
		assertThat(m.coverageRate()).isNaN();
	}

	private static BacktestMetrics evaluate(List<CardSeries> series, EvaluationWindow window, int horizon) {
		return Backtest.evaluate(series, series.stream().map((s) -> LAST.fairPrices(s.usable())).toList(), window,
				SignalRule.DEFAULT, horizon);
	}

}
