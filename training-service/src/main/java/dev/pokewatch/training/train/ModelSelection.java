package dev.pokewatch.training.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.LegacyFairPrice;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.metrics.Backtest.SeriesForecast;
import dev.pokewatch.common.metrics.BacktestMetrics;
import dev.pokewatch.common.metrics.ConfidenceInterval;
import dev.pokewatch.common.metrics.EvaluationWindow;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;

/**
 * Walk-forward model choice. Every grid candidate (a fair-price rule with a signal rule)
 * is backtested on each series' selection window ({@link SeriesSplit}); among those under
 * the MAPE gate with enough signals and neither side significantly worse than chance, the
 * one whose signals' lift has the highest lower 95 % bound is chosen, provided that bound
 * is above {@code min_lift}: a rule must show an edge that is unlikely to be luck, and
 * many signals with a modest lift beat a handful with a large one. Otherwise the
 * lowest-MAPE candidate with the fewest signals is chosen and the reason says so. The
 * chosen candidate, the naive forecast and the older system's definition are then
 * reported on each series' holdout, which played no part in the choice.
 */
final class ModelSelection {

	private ModelSelection() {
	}

	static Result run(List<CardSeries> series, TrainingParams params) {
		TrainingParams.Train train = params.train();
		SeriesSplit split = SeriesSplit.of(series, train);
		if (split.evaluated() == 0) {
			throw CommandException.usage("no series spans 'train.min_history_days' " + train.minHistoryDays()
					+ " days: collect more days or lower it in params.yaml");
		}
		int horizon = train.horizonDays();
		List<SignalRule> signalRules = train.signalRules(params.thresholds());
		Map<Integer, List<double[]>> dispersion = train.windows()
			.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(window) -> series.stream().map((s) -> train.dispersion(window).of(s.usable())).toList()));
		// rules that differ only in their trend share their trailing statistic: each
		// group computes it once per series, then backtests each of its rules
		Map<List<Object>, List<FairPriceRule>> byStatistic = train.grid()
			.stream()
			.collect(Collectors.groupingBy((model) -> List.of(model.type(), model.windowDays()), LinkedHashMap::new,
					Collectors.toList()));
		Map<FairPriceRule, List<Candidate>> byModel = byStatistic.values().parallelStream().flatMap((models) -> {
			List<double[]> base = series.stream().map((s) -> models.get(0).basePrices(s.usable())).toList();
			return models.stream()
				.map((model) -> Map.entry(model,
						candidates(model, forecasts(series, model, base, dispersion.get(model.windowDays())), split,
								signalRules, params)));
		}).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (same, repeated) -> same));
		List<Candidate> grid = train.grid().stream().flatMap((model) -> byModel.get(model).stream()).toList();
		Candidate chosen;
		String reason;
		List<Candidate> eligible = grid.stream().filter(Candidate::eligible).toList();
		if (!eligible.isEmpty()) {
			chosen = eligible.stream()
				.max(Comparator.comparingDouble(Candidate::score)
					.thenComparing(Comparator.comparingDouble((Candidate c) -> c.selection().mape()).reversed()))
				.orElseThrow();
			reason = String.format(Locale.ROOT,
					"its %d-day signals' lift has the best lower 95 %% bound on selection (%+.1f pp over %d signals) "
							+ "among %d of %d candidates with MAPE <= %.1f %% and >= %d signals",
					horizon, chosen.score(), chosen.selection().signalOutcomes(), eligible.size(), grid.size(),
					params.gate().mapeMax(), train.minSignals());
		}
		else {
			chosen = grid.stream()
				.filter((c) -> Double.isFinite(c.selection().mape()))
				.min(Comparator.comparingDouble((Candidate c) -> c.selection().mape())
					// signals that did not beat chance are noise: the fewest, the better
					.thenComparingLong((Candidate c) -> c.selection().buySignals() + c.selection().sellSignals()))
				.orElseThrow(() -> new CommandException(CommandException.FAILED,
						"no grid model could be scored on the selection windows"));
			Optional<Candidate> best = grid.stream()
				.filter((c) -> c.selection().signalOutcomes() >= train.minSignals() && Double.isFinite(c.score()))
				.max(Comparator.comparingDouble(Candidate::score));
			reason = "no candidate's signals beat chance on selection (lower 95 % bound of the lift > "
					+ train.minLift() + " pp with >= " + train.minSignals() + " signals) among " + grid.size()
					+ " tried"
					+ best.map((c) -> String.format(Locale.ROOT, " (best: %s at %+.1f pp)", c.id(), c.score()))
						.orElse("")
					+ ": chose the lowest MAPE";
		}
		FairPriceRule naiveModel = new FairPriceRule(FairPriceType.LAST, train.naiveLookbackDays());
		BacktestMetrics naive = Backtest.evaluate(forecasts(series, naiveModel, null), split.holdout(),
				params.thresholds(), horizon);
		List<SeriesForecast> legacyFair = series.stream()
			.map((s) -> new SeriesForecast(s, LegacyFairPrice.inSample(s.usable()), null))
			.toList();
		BacktestMetrics legacy = Backtest.evaluate(legacyFair, split.holdout(), params.thresholds(), horizon);
		return new Result(grid, chosen, reason, naive, legacy, split, horizon,
				dispersion.get(chosen.model().windowDays()));
	}

	private static List<Candidate> candidates(FairPriceRule model, List<SeriesForecast> forecasts, SeriesSplit split,
			List<SignalRule> signalRules, TrainingParams params) {
		TrainingParams.Train train = params.train();
		int horizon = train.horizonDays();
		// one pass over the points per window scores every signal rule of this
		// fair-price rule
		List<BacktestMetrics> selections = Backtest.evaluate(forecasts, split.selection(), signalRules, horizon);
		List<BacktestMetrics> holdouts = Backtest.evaluate(forecasts, split.holdout(), signalRules, horizon);
		return IntStream.range(0, signalRules.size()).mapToObj((r) -> {
			SignalRule rule = signalRules.get(r);
			BacktestMetrics onSelection = selections.get(r);
			BacktestMetrics onHoldout = holdouts.get(r);
			double score = onSelection.signalLiftPpInterval().map(ConfidenceInterval::low).orElse(Double.NaN);
			boolean eligible = onSelection.mape() <= params.gate().mapeMax()
					&& onSelection.signalOutcomes() >= train.minSignals()
					&& !onSelection.buyEvidence().significantlyNegative()
					&& !onSelection.sellEvidence().significantlyNegative() && score > train.minLift();
			return new Candidate(model, rule, onSelection, onHoldout, score, eligible);
		}).toList();
	}

	private static List<SeriesForecast> forecasts(List<CardSeries> series, FairPriceRule model, List<double[]> base,
			List<double[]> dispersion) {
		List<SeriesForecast> forecasts = new ArrayList<>(series.size());
		for (int s = 0; s < series.size(); s++) {
			forecasts.add(new SeriesForecast(series.get(s), model.fairPrices(series.get(s).usable(), base.get(s)),
					dispersion.get(s)));
		}
		return forecasts;
	}

	static List<SeriesForecast> forecasts(List<CardSeries> series, FairPriceRule model, List<double[]> dispersion) {
		List<SeriesForecast> forecasts = new ArrayList<>(series.size());
		for (int s = 0; s < series.size(); s++) {
			forecasts.add(new SeriesForecast(series.get(s), model.fairPrices(series.get(s).usable()),
					(dispersion != null) ? dispersion.get(s) : null));
		}
		return forecasts;
	}

	/**
	 * One grid candidate's backtests.
	 *
	 * @param model the fair-price rule
	 * @param signalRule the signal rule
	 * @param selection metrics on the selection windows
	 * @param holdout metrics on the holdout windows
	 * @param score the lower end of the 95 % interval of its signals' lift on selection,
	 * in percentage points ({@code NaN} without signals)
	 * @param eligible whether it may be chosen on signal quality
	 */
	record Candidate(FairPriceRule model, SignalRule signalRule, BacktestMetrics selection, BacktestMetrics holdout,
			double score, boolean eligible) {

		/**
		 * A stable identifier, e.g. {@code sma_7_momentum_z_2.0}.
		 * @return the id
		 */
		String id() {
			return this.model.id() + "_" + this.signalRule.id();
		}

	}

	/**
	 * The outcome.
	 *
	 * @param grid every grid candidate
	 * @param chosen the chosen one
	 * @param reason why it was chosen
	 * @param naive "tomorrow = today" on the holdout, with the percent rule
	 * @param legacy the older system's in-sample definition on the holdout
	 * @param split the per-series windows
	 * @param horizonDays signal outcome horizon
	 * @param dispersion per series, the dispersion the chosen rule's strength uses
	 */
	record Result(List<Candidate> grid, Candidate chosen, String reason, BacktestMetrics naive, BacktestMetrics legacy,
			SeriesSplit split, int horizonDays, List<double[]> dispersion) {

		/**
		 * The span of the holdout windows.
		 * @return earliest start to latest end
		 */
		EvaluationWindow holdoutWindow() {
			return this.split.holdoutSpan();
		}

		/**
		 * The span of the selection windows.
		 * @return earliest start to latest end
		 */
		EvaluationWindow selectionWindow() {
			return this.split.selectionSpan();
		}

		/**
		 * The published metrics: the chosen candidate on the holdout, its evidence on
		 * selection ({@code selection_} prefix), then comparisons.
		 * @return name to value ({@code NaN} when undefined)
		 */
		Map<String, Double> metrics() {
			String h = "_" + this.horizonDays + "d";
			Map<String, Double> metrics = new LinkedHashMap<>(this.chosen.holdout().toMap(this.horizonDays));
			this.chosen.holdout()
				.signalLiftPpInterval()
				.ifPresent((interval) -> putInterval(metrics, "signal_lift_pp" + h, interval));
			metrics.put("naive_mape", this.naive.mape());
			metrics.put("naive_rmse", this.naive.rmse());
			metrics.put("naive_coverage_rate", this.naive.coverageRate());
			metrics.put("legacy_insample_mape", this.legacy.mape());
			metrics.put("selection_mape", this.chosen.selection().mape());
			metrics.put("selection_coverage_rate", this.chosen.selection().coverageRate());
			metrics.put("selection_signal_lift" + h, this.chosen.selection().signalLift());
			metrics.put("selection_signal_outcomes" + h, (double) this.chosen.selection().signalOutcomes());
			this.chosen.selection()
				.signalLiftPpInterval()
				.ifPresent((interval) -> putInterval(metrics, "selection_signal_lift_pp" + h, interval));
			this.chosen.selection()
				.buyEvidence()
				.toMap(this.horizonDays)
				.forEach((k, v) -> putSelection(metrics, k, v));
			this.chosen.selection()
				.sellEvidence()
				.toMap(this.horizonDays)
				.forEach((k, v) -> putSelection(metrics, k, v));
			this.chosen.selection()
				.tallies()
				.forEach((group, tally) -> tally.toMap(this.horizonDays, group)
					.forEach((k, v) -> putSelection(metrics, k, v)));
			metrics.put("holdout_points", (double) this.chosen.holdout().points());
			metrics.put("evaluated_series", (double) this.split.evaluated());
			metrics.put("grid_size", (double) this.grid.size());
			return metrics;
		}

		private static void putInterval(Map<String, Double> metrics, String name, ConfidenceInterval interval) {
			metrics.put(name + "_low", interval.low());
			metrics.put(name + "_high", interval.high());
		}

		private static void putSelection(Map<String, Double> metrics, String name, Double value) {
			metrics.put("selection_" + name, value);
		}

		/**
		 * The grid as flat metrics {@code grid_<candidate>_<metric>}.
		 * @return name to value
		 */
		Map<String, Double> gridMetrics() {
			String h = "_" + this.horizonDays + "d";
			Map<String, Double> metrics = new LinkedHashMap<>();
			for (Candidate c : this.grid) {
				String prefix = "grid_" + c.id() + "_";
				metrics.put(prefix + "selection_mape", c.selection().mape());
				metrics.put(prefix + "selection_lift_pp" + h + "_low", c.score());
				metrics.put(prefix + "selection_signal_outcomes" + h, (double) c.selection().signalOutcomes());
				metrics.put(prefix + "holdout_signal_lift" + h, c.holdout().signalLift());
			}
			return metrics;
		}

	}

}
