package dev.pokewatch.training.train;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.LegacyFairPrice;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.metrics.BacktestMetrics;
import dev.pokewatch.common.metrics.EvaluationWindow;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;

/**
 * Walk-forward model choice: every grid model is backtested on the earlier dates
 * (selection window, whose signal outcomes also stay before the holdout) and the one with
 * the best signal lift among those under the MAPE gate with enough signals is chosen; the
 * chosen model, the naive forecast and the older system's definition are then reported on
 * the later holdout window, which played no part in the choice.
 */
final class ModelSelection {

	private ModelSelection() {
	}

	static Result run(List<CardSeries> series, LocalDate firstDay, LocalDate lastDay, TrainingParams params) {
		TrainingParams.Train train = params.train();
		LocalDate holdoutStart = lastDay.minusDays(train.holdoutDays() - 1L);
		if (!holdoutStart.isAfter(firstDay.plusDays(1))) {
			throw CommandException
				.usage("the data spans " + firstDay + ".." + lastDay + ", too short for 'train.holdout_days' "
						+ train.holdoutDays() + ": collect more days or lower it in params.yaml");
		}
		EvaluationWindow selection = new EvaluationWindow(firstDay, holdoutStart.minusDays(1),
				holdoutStart.minusDays(1));
		EvaluationWindow holdout = EvaluationWindow.of(holdoutStart, lastDay);
		int horizon = train.horizonDays();
		List<Candidate> grid = train.grid().parallelStream().map((model) -> {
			List<double[]> fair = fairPrices(series, model);
			BacktestMetrics onSelection = Backtest.evaluate(series, fair, selection, params.thresholds(), horizon);
			BacktestMetrics onHoldout = Backtest.evaluate(series, fair, holdout, params.thresholds(), horizon);
			boolean eligible = onSelection.mape() <= params.gate().mapeMax()
					&& onSelection.signalOutcomes() >= train.minSignals() && onSelection.signalLift() > train.minLift();
			return new Candidate(model, onSelection, onHoldout, eligible);
		}).toList();
		Candidate chosen;
		String reason;
		List<Candidate> eligible = grid.stream().filter(Candidate::eligible).toList();
		if (!eligible.isEmpty()) {
			chosen = eligible.stream()
				.max(Comparator.comparingDouble((Candidate c) -> c.selection().signalLift())
					.thenComparing(Comparator.comparingDouble((Candidate c) -> c.selection().mape()).reversed()))
				.orElseThrow();
			reason = String.format(
					"best %d-day signal lift (%+.3f) among %d model(s) with MAPE <= %.1f %% and >= %d signals", horizon,
					chosen.selection().signalLift(), eligible.size(), params.gate().mapeMax(), train.minSignals());
		}
		else {
			chosen = grid.stream()
				.filter((c) -> Double.isFinite(c.selection().mape()))
				.min(Comparator.comparingDouble((Candidate c) -> c.selection().mape()))
				.orElseThrow(() -> new CommandException(CommandException.FAILED,
						"no grid model could be scored on the selection window " + selection.from() + ".."
								+ selection.to()));
			reason = "no model's signals beat the base rate (lift > " + train.minLift() + " with >= "
					+ train.minSignals() + " signals) under the MAPE gate: chose the lowest MAPE";
		}
		FairPriceRule naiveModel = new FairPriceRule(FairPriceType.LAST, train.naiveLookbackDays());
		BacktestMetrics naive = Backtest.evaluate(series, fairPrices(series, naiveModel), holdout, params.thresholds(),
				horizon);
		List<double[]> legacyFair = series.stream().map((s) -> LegacyFairPrice.inSample(s.usable())).toList();
		BacktestMetrics legacy = Backtest.evaluate(series, legacyFair, holdout, params.thresholds(), horizon);
		return new Result(grid, chosen, reason, naive, legacy, selection, holdout, horizon);
	}

	static List<double[]> fairPrices(List<CardSeries> series, FairPriceRule model) {
		return series.stream().map((s) -> model.fairPrices(s.usable())).toList();
	}

	/**
	 * One grid model's backtests.
	 *
	 * @param model the model
	 * @param selection metrics on the selection window
	 * @param holdout metrics on the holdout window
	 * @param eligible whether it passed the MAPE gate with enough signals on selection
	 */
	record Candidate(FairPriceRule model, BacktestMetrics selection, BacktestMetrics holdout, boolean eligible) {

	}

	/**
	 * The outcome.
	 *
	 * @param grid every grid model
	 * @param chosen the chosen one
	 * @param reason why it was chosen
	 * @param naive "tomorrow = today" on the holdout
	 * @param legacy the older system's in-sample definition on the holdout
	 * @param selectionWindow selection window
	 * @param holdoutWindow holdout window
	 * @param horizonDays signal outcome horizon
	 */
	record Result(List<Candidate> grid, Candidate chosen, String reason, BacktestMetrics naive, BacktestMetrics legacy,
			EvaluationWindow selectionWindow, EvaluationWindow holdoutWindow, int horizonDays) {

		/**
		 * The published metrics: the chosen model on the holdout, then comparisons.
		 * @return name to value ({@code NaN} when undefined)
		 */
		Map<String, Double> metrics() {
			String h = "_" + this.horizonDays + "d";
			Map<String, Double> metrics = new LinkedHashMap<>(this.chosen.holdout().toMap(this.horizonDays));
			metrics.put("naive_mape", this.naive.mape());
			metrics.put("naive_rmse", this.naive.rmse());
			metrics.put("naive_coverage_rate", this.naive.coverageRate());
			metrics.put("legacy_insample_mape", this.legacy.mape());
			metrics.put("selection_mape", this.chosen.selection().mape());
			metrics.put("selection_coverage_rate", this.chosen.selection().coverageRate());
			metrics.put("selection_signal_lift" + h, this.chosen.selection().signalLift());
			metrics.put("selection_signal_outcomes" + h, (double) this.chosen.selection().signalOutcomes());
			metrics.put("holdout_days",
					(double) (this.holdoutWindow.to().toEpochDay() - this.holdoutWindow.from().toEpochDay() + 1));
			metrics.put("grid_size", (double) this.grid.size());
			return metrics;
		}

		/**
		 * The grid as flat metrics {@code grid_<type>_<window>_<metric>}.
		 * @return name to value
		 */
		Map<String, Double> gridMetrics() {
			String h = "_" + this.horizonDays + "d";
			Map<String, Double> metrics = new LinkedHashMap<>();
			for (Candidate c : this.grid) {
				String prefix = "grid_" + c.model().id() + "_";
				metrics.put(prefix + "selection_mape", c.selection().mape());
				metrics.put(prefix + "selection_signal_lift" + h, c.selection().signalLift());
				metrics.put(prefix + "selection_signal_outcomes" + h, (double) c.selection().signalOutcomes());
				metrics.put(prefix + "holdout_mape", c.holdout().mape());
				metrics.put(prefix + "holdout_signal_lift" + h, c.holdout().signalLift());
			}
			return metrics;
		}

	}

}
