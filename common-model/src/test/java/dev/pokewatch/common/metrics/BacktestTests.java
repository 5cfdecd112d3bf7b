package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.signal.Dispersion;
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

	// percent and dispersion rules with different minimum prices
	private static final List<SignalRule> RULES = List.of(SignalRule.DEFAULT, new SignalRule(0.05, 0.05, 5.0),
			SignalRule.dispersion(1.0, 2.0), SignalRule.dispersion(1.5, 0), SignalRule.dispersion(2.0, 2.0),
			SignalRule.dispersion(3.0, 10.0));

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

	@Test
	void evaluateWhenWindowsPerSeriesShouldScoreEachSeriesOverItsOwnDays() {
		CardSeries later = new CardSeries("b", "B", "S", "sealed", DAY0.plusDays(100), new double[] { 50, 40, 44 },
				new double[] { 50, 40, 44 }, new boolean[3]);
		List<Backtest.SeriesForecast> forecasts = List.of(
				new Backtest.SeriesForecast(this.card, LAST.fairPrices(this.card.usable()), null),
				new Backtest.SeriesForecast(later, LAST.fairPrices(later.usable()), null));
		// the card's days 3..4, the later series' last two days, and a series left out
		BacktestMetrics m = Backtest.evaluate(forecasts,
				List.of(EvaluationWindow.of(DAY0.plusDays(3), DAY0.plusDays(4)),
						EvaluationWindow.of(DAY0.plusDays(101), DAY0.plusDays(102))),
				SignalRule.DEFAULT, 1);
		// day3 110 vs 98, day4 98 vs 120; later: 50 vs 40, 40 vs 44
		assertThat(m.datasetSize()).isEqualTo(4);
		assertThat(m.mape()).isCloseTo((12 / 98.0 + 22 / 120.0 + 10 / 40.0 + 4 / 44.0) / 4 * 100, within(1e-9));
		BacktestMetrics onlyLater = Backtest.evaluate(forecasts,
				java.util.Arrays.asList(null, EvaluationWindow.of(DAY0.plusDays(101), DAY0.plusDays(102))),
				SignalRule.DEFAULT, 1);
		assertThat(onlyLater.datasetSize()).isEqualTo(2);
		assertThat(onlyLater.mapeByCategory()).containsOnlyKeys("sealed");
	}

	@Test
	void evaluateShouldTallyBandsAndCategoriesAboveTheMinimumPriceOnly() {
		// prices 4 -> 3 -> 12 -> 11 -> 30: fair = yesterday (LAST), so day 2 (12 vs 3) is
		// a
		// SELL, day 3 (11 vs 12) HOLD, day 1 (3 vs 4) a BUY under $5
		CardSeries card = new CardSeries("c", "C", "S", "Chase", DAY0, new double[] { 4, 3, 12, 11, 30 },
				new double[] { 4, 3, 12, 11, 30 }, new boolean[5]);
		SignalRule rule = new SignalRule(0.10, 0.15, 5.0);
		BacktestMetrics m = Backtest.evaluate(List.of(card), List.of(LAST.fairPrices(card.usable())),
				EvaluationWindow.of(DAY0, DAY0.plusDays(4)), rule, 1);
		// scored: days 1..4; at or above $5: day 2 (12, SELL, -> 11 down: hit), day 3
		// (11,
		// HOLD, -> 30 up), day 4 (30, SELL, no outcome)
		assertThat(m.sellSignals()).isEqualTo(2);
		assertThat(m.buySignals()).isZero();
		assertThat(m.outcomes()).isEqualTo(2);
		assertThat(m.baseDownRate()).isEqualTo(0.5);
		assertThat(m.sellHitRate()).isEqualTo(1.0);
		assertThat(m.tallies()).containsOnlyKeys("band_5_20", "band_20_plus", "cat_chase");
		assertThat(m.tallies().get("band_5_20")).isEqualTo(new SignalTally(2, 1, 1, 0, 1, 0, 0, 1, 1));
		assertThat(m.tallies().get("band_20_plus")).isEqualTo(new SignalTally(0, 0, 0, 0, 1, 0, 0, 0, 0));
		assertThat(m.toMap(1)).containsEntry("sell_signals_1d_band_5_20", 1.0)
			.containsEntry("sell_lift_pp_1d_band_5_20", 50.0)
			.containsEntry("sell_signals_1d_cat_chase", 1.0)
			.containsKeys("sell_lift_pp_1d_band_5_20_low", "sell_lift_pp_1d_band_5_20_high",
					"sell_hit_rate_1d_band_5_20_low");
		// horizon error over the scored points with an outcome: days 1..3
		double horizon = (Math.abs(4 - 12) / 12.0 + Math.abs(3 - 11) / 11.0 + Math.abs(12 - 30) / 30.0) / 3 * 100;
		double naive = (Math.abs(3 - 12) / 12.0 + Math.abs(12 - 11) / 11.0 + Math.abs(11 - 30) / 30.0) / 3 * 100;
		assertThat(m.horizonMape()).isCloseTo(horizon, within(1e-9));
		assertThat(m.naiveHorizonMape()).isCloseTo(naive, within(1e-9));
	}

	@Test
	void evaluateWhenDispersionRuleShouldReadEachDaysDispersion() {
		CardSeries card = new CardSeries("d", "D", "S", null, DAY0, new double[] { 100, 100, 90, 92 },
				new double[] { 100, 100, 90, 92 }, new boolean[4]);
		// fair = yesterday: day 2 is -10 %: strength ln(100/90)/0.05 = 2.1 (BUY at 2)
		// with a
		// 5 % dispersion, 1.05 (HOLD) with 10 %
		double[] dispersion = { NaN, 0.05, 0.05, 0.10 };
		double[] wide = { NaN, 0.10, 0.10, 0.10 };
		SignalRule z2 = SignalRule.dispersion(2.0, 0);
		EvaluationWindow all = EvaluationWindow.of(DAY0, DAY0.plusDays(3));
		double[] fair = LAST.fairPrices(card.usable());
		BacktestMetrics calm = Backtest.evaluate(List.of(new Backtest.SeriesForecast(card, fair, dispersion)),
				List.of(all), z2, 1);
		BacktestMetrics jumpy = Backtest.evaluate(List.of(new Backtest.SeriesForecast(card, fair, wide)), List.of(all),
				z2, 1);
		assertThat(calm.buySignals()).isEqualTo(1);
		assertThat(calm.buyHitRate()).isEqualTo(1.0);
		assertThat(jumpy.buySignals()).isZero();
	}

	/**
	 * Cards of every price band and several categories, with gaps and flagged days, one
	 * left out and the others over their last 40 days, with an earlier outcome cutoff for
	 * some.
	 */
	private static List<Backtest.SeriesForecast> randomForecasts(Random random, List<EvaluationWindow> windows) {
		String[] categories = { "Chase", "Ultra Rare", "sealed", null };
		double[] levels = { 0.6, 3, 12, 80 };
		List<Backtest.SeriesForecast> forecasts = new ArrayList<>();
		for (int s = 0; s < 24; s++) {
			int days = 60 + random.nextInt(60);
			double[] prices = new double[days];
			double x = Math.log(levels[s % levels.length]);
			for (int d = 0; d < days; d++) {
				x += 0.05 * random.nextGaussian();
				prices[d] = (random.nextInt(15) == 0) ? NaN : Math.exp(x);
			}
			CardSeries card = new CardSeries("c" + s, "C" + s, "S", categories[s % categories.length],
					DAY0.plusDays(random.nextInt(30)), prices, prices.clone(), new boolean[days]);
			FairPriceRule rule = new FairPriceRule(FairPriceType.SMA, 5);
			forecasts.add(new Backtest.SeriesForecast(card, rule.fairPrices(card.usable()),
					(s % 5 == 0) ? null : new Dispersion(21, 5, 0.01).of(card.usable())));
			LocalDate last = card.day(days - 1);
			windows.add((s == 3) ? null
					: new EvaluationWindow(last.minusDays(40), last, (s % 2 == 0) ? last : last.minusDays(10)));
		}
		return forecasts;
	}

	@Test
	void evaluateWhenSeveralRulesShouldGiveEachRuleTheMetricsItGetsAlone() {
		List<EvaluationWindow> windows = new ArrayList<>();
		List<Backtest.SeriesForecast> forecasts = randomForecasts(new Random(7), windows);
		List<SignalRule> rules = RULES;

		List<BacktestMetrics> together = Backtest.evaluate(forecasts, windows, rules, 7);

		assertThat(together).hasSameSizeAs(rules);
		for (int r = 0; r < rules.size(); r++) {
			SignalRule rule = rules.get(r);
			BacktestMetrics alone = Backtest.evaluate(forecasts, windows, rule, 7);
			assertThat(together.get(r)).as(rule.id()).isEqualTo(alone);
			// and the signals are the rule's own, counted here without the backtest
			SignalTally expected = tallyPointByPoint(forecasts, windows, rule, 7).get("all");
			assertThat(together.get(r).buySignals()).as(rule.id()).isEqualTo(expected.buySignals());
			assertThat(together.get(r).sellSignals()).as(rule.id()).isEqualTo(expected.sellSignals());
		}
		// the rules differ, so a mixed-up rule would show
		assertThat(together.stream().map((m) -> List.of(m.buySignals(), m.sellSignals(), m.outcomes())).distinct())
			.hasSameSizeAs(rules);
		assertThat(together.get(3).tallies()).containsKeys("band_lt1", "band_1_5", "band_5_20", "band_20_plus",
				"cat_chase", "cat_ultra_rare", "cat_sealed", "cat_unknown");
	}

	@Test
	void evaluateShouldTallyEveryGroupAsCountedPointByPoint() {
		for (long seed = 1; seed <= 5; seed++) {
			List<EvaluationWindow> windows = new ArrayList<>();
			List<Backtest.SeriesForecast> forecasts = randomForecasts(new Random(seed), windows);
			List<BacktestMetrics> metrics = Backtest.evaluate(forecasts, windows, RULES, 7);
			for (int r = 0; r < RULES.size(); r++) {
				Map<String, SignalTally> expected = tallyPointByPoint(forecasts, windows, RULES.get(r), 7);
				SignalTally all = expected.remove("all");
				BacktestMetrics actual = metrics.get(r);
				assertThat(actual.tallies()).as(RULES.get(r).id()).isEqualTo(expected);
				assertThat(List.of(actual.outcomes(), actual.buySignals(), actual.sellSignals(), actual.buyOutcomes(),
						actual.sellOutcomes(), actual.buyHits(), actual.sellHits()))
					.as(RULES.get(r).id())
					.isEqualTo(List.of(all.outcomes(), all.buySignals(), all.sellSignals(), all.buyOutcomes(),
							all.sellOutcomes(), all.buyHits(), all.sellHits()));
			}
		}
	}

	/**
	 * The tallies counted the plain way, one counter per group and point: {@code all},
	 * each band and each category, for points at or above the rule's minimum price.
	 */
	private static Map<String, SignalTally> tallyPointByPoint(List<Backtest.SeriesForecast> forecasts,
			List<EvaluationWindow> windows, SignalRule rule, int horizon) {
		Map<String, long[]> counts = new TreeMap<>();
		for (int s = 0; s < forecasts.size(); s++) {
			EvaluationWindow window = windows.get(s);
			if (window == null) {
				continue;
			}
			Backtest.SeriesForecast forecast = forecasts.get(s);
			CardSeries card = forecast.series();
			for (int i = 0; i < card.length(); i++) {
				LocalDate day = card.day(i);
				double market = card.usable()[i];
				double fair = forecast.fairPrices()[i];
				if (!window.contains(day) || Double.isNaN(market) || Double.isNaN(fair)
						|| market < rule.minSignalPrice()) {
					continue;
				}
				Signal signal = rule.signal(market, fair,
						(forecast.dispersion() != null) ? forecast.dispersion()[i] : NaN);
				LocalDate outcomeDay = day.plusDays(horizon);
				double outcome = (i + horizon < card.length() && !outcomeDay.isAfter(window.outcomeCutoff()))
						? card.usable()[i + horizon] : NaN;
				for (String group : List.of("all", PriceBand.of(market).key(),
						"cat_" + Backtest.categoryKey(card.category()))) {
					long[] c = counts.computeIfAbsent(group, (key) -> new long[9]);
					boolean known = !Double.isNaN(outcome);
					c[0] += known ? 1 : 0;
					c[1] += (known && outcome > market) ? 1 : 0;
					c[2] += (known && outcome < market) ? 1 : 0;
					c[3] += (signal == Signal.BUY) ? 1 : 0;
					c[4] += (signal == Signal.SELL) ? 1 : 0;
					c[5] += (known && signal == Signal.BUY) ? 1 : 0;
					c[6] += (known && signal == Signal.BUY && outcome > market) ? 1 : 0;
					c[7] += (known && signal == Signal.SELL) ? 1 : 0;
					c[8] += (known && signal == Signal.SELL && outcome < market) ? 1 : 0;
				}
			}
		}
		Map<String, SignalTally> tallies = new TreeMap<>();
		counts.forEach((group, c) -> tallies.put(group,
				new SignalTally(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8])));
		return tallies;
	}

	private static BacktestMetrics evaluate(List<CardSeries> series, EvaluationWindow window, int horizon) {
		return Backtest.evaluate(series, series.stream().map((s) -> LAST.fairPrices(s.usable())).toList(), window,
				SignalRule.DEFAULT, horizon);
	}

}
