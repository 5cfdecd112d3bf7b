package dev.pokewatch.training.params;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.signal.Dispersion;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.signal.SignalRule;

/**
 * Everything {@code params.yaml} configures. Paths are relative to the working directory
 * (the repository root when run by make or DVC).
 *
 * @param paths where data, models and reports live
 * @param outlier the preprocessing outlier rule ({@code preprocess.outlier.*})
 * @param thresholds the percent signal rule and the minimum signal price
 * ({@code model.*})
 * @param train model selection ({@code train.*})
 * @param gate the quality gate ({@code gate.*})
 * @param drift the drift check ({@code drift.*})
 */
public record TrainingParams(Paths paths, OutlierRule outlier, SignalRule thresholds, Train train, Gate gate,
		Drift drift) {

	/**
	 * Parameters with the bundled drift defaults, for callers that set up only the
	 * training groups.
	 * @param paths where data, models and reports live
	 * @param outlier the preprocessing outlier rule
	 * @param thresholds the percent signal rule and the minimum signal price
	 * @param train model selection
	 * @param gate the quality gate
	 */
	public TrainingParams(Paths paths, OutlierRule outlier, SignalRule thresholds, Train train, Gate gate) {
		this(paths, outlier, thresholds, train, gate, ParamsReader.defaultParams().drift());
	}

	/**
	 * Directories.
	 *
	 * @param rawDir raw price files
	 * @param processedDir processed files
	 * @param candidateDir where train writes the candidate model
	 * @param baselineDir the served model
	 * @param reportsDir metrics and plots
	 */
	public record Paths(Path rawDir, Path processedDir, Path candidateDir, Path baselineDir, Path reportsDir) {

	}

	/**
	 * Model selection.
	 *
	 * @param types model types of the grid
	 * @param windows windows (calendar days) of the grid
	 * @param trends trends of the grid
	 * @param strengths thresholds of the grid's dispersion rules (BUY at
	 * {@code strength >= k}, SELL at {@code <= -k}), tried besides the percent rule
	 * @param dispersionDays days of daily returns a card's dispersion is measured over
	 * @param minDispersion the smallest dispersion (log scale)
	 * @param holdoutDays each series' last days, reported on and never selected on
	 * @param holdoutMaxShare the largest share of a series' days its holdout may take (a
	 * short series keeps earlier days to select on)
	 * @param minHistoryDays fewest days a series must span to be evaluated
	 * @param horizonDays how many days after a signal its outcome is read
	 * @param minSignals fewest BUY+SELL signals with an outcome for a model to be chosen
	 * on signal quality
	 * @param minLift the signal lift a model must exceed to be chosen on signal quality
	 * (0: its signals must beat the base rate)
	 * @param naiveLookbackDays how far back "tomorrow = today" may look for a price
	 * @param experiment the MLflow experiment
	 * @param registeredModel the registered model name
	 * @param plotTopCards how many cards the price-vs-fair plot shows
	 */
	public record Train(List<FairPriceType> types, List<Integer> windows, List<Trend> trends, List<Double> strengths,
			int dispersionDays, double minDispersion, int holdoutDays, double holdoutMaxShare, int minHistoryDays,
			int horizonDays, int minSignals, double minLift, int naiveLookbackDays, String experiment,
			String registeredModel, int plotTopCards) {

		public Train {
			types = List.copyOf(types);
			windows = List.copyOf(windows);
			trends = List.copyOf(trends);
			strengths = List.copyOf(strengths);
		}

		/**
		 * The fair-price rules of the grid: every type with every window and trend.
		 * @return the rules in a stable order
		 */
		public List<FairPriceRule> grid() {
			return this.types.stream()
				.flatMap((type) -> this.windows.stream()
					.flatMap((window) -> this.trends.stream().map((trend) -> new FairPriceRule(type, window, trend))))
				.toList();
		}

		/**
		 * The signal rules of the grid: the percent rule, then a dispersion rule per
		 * strength, all with its minimum price.
		 * @param percent the percent rule of {@code model.*}
		 * @return the rules in a stable order
		 */
		public List<SignalRule> signalRules(SignalRule percent) {
			List<SignalRule> rules = new ArrayList<>();
			rules.add(percent);
			this.strengths.forEach((k) -> rules.add(SignalRule.dispersion(k, percent.minSignalPrice())));
			return rules;
		}

		/**
		 * How a card's dispersion is measured against a rule's trailing window.
		 * @param windowDays the rule's window
		 * @return the dispersion
		 */
		public Dispersion dispersion(int windowDays) {
			return new Dispersion(this.dispersionDays, windowDays, this.minDispersion);
		}

	}

	/**
	 * The quality gate.
	 *
	 * @param mapeMax highest acceptable holdout MAPE, percent
	 * @param coverageMin lowest acceptable coverage rate
	 * @param championMapeMargin how many MAPE points the candidate may be worse than the
	 * champion
	 * @param championCoverageMargin how much lower its coverage may be
	 * @param refuseNegativeLift whether a candidate whose BUY or SELL lift is
	 * significantly negative (its whole 95 % interval below 0) is refused
	 */
	public record Gate(double mapeMax, double coverageMin, double championMapeMargin, double championCoverageMargin,
			boolean refuseNegativeLift) {

	}

	/**
	 * The drift check; its checks name the keys as the file spells them.
	 *
	 * @param referenceDays length of the reference window, the days just before the
	 * current window
	 * @param currentDays length of the current window, the last days of the data
	 * @param bins quantile bins cut from the reference (fewer when quantiles tie)
	 * @param minPoints fewest values in each window for a category's PSI
	 * @param psiWarn PSI from which a category warns
	 * @param psiDrift PSI from which a category drifts
	 * @param liveErrorDays days of the live next-day MAPE
	 * @param liveMapeWarnRatio live MAPE over training MAPE from which it warns
	 * @param liveMapeDriftRatio ... from which it drifts
	 * @param minSignalOutcomes fewest BUY+SELL outcomes to judge the live hit rate
	 * @param hitRateWarnDrop drop of the hit rate below the holdout's (a fraction) from
	 * which it warns
	 * @param hitRateDriftDrop ... from which it drifts
	 * @param experiment the MLflow experiment of drift runs
	 */
	public record Drift(int referenceDays, int currentDays, int bins, int minPoints, double psiWarn, double psiDrift,
			int liveErrorDays, double liveMapeWarnRatio, double liveMapeDriftRatio, int minSignalOutcomes,
			double hitRateWarnDrop, double hitRateDriftDrop, String experiment) {

		public Drift {
			atLeast("reference_days", referenceDays, 1);
			atLeast("current_days", currentDays, 1);
			atLeast("bins", bins, 2);
			atLeast("min_points", minPoints, 1);
			atLeast("live_error_days", liveErrorDays, 1);
			atLeast("min_signal_outcomes", minSignalOutcomes, 1);
			ordered("psi_warn", psiWarn, "psi_drift", psiDrift);
			ordered("live_mape_warn_ratio", liveMapeWarnRatio, "live_mape_drift_ratio", liveMapeDriftRatio);
			ordered("hit_rate_warn_drop", hitRateWarnDrop, "hit_rate_drift_drop", hitRateDriftDrop);
			if (experiment == null || experiment.isBlank()) {
				throw new IllegalArgumentException("'experiment' must not be blank");
			}
		}

		private static void atLeast(String key, int value, int minimum) {
			if (value < minimum) {
				throw new IllegalArgumentException("'" + key + "' must be at least " + minimum + ", got " + value);
			}
		}

		private static void ordered(String warnKey, double warn, String driftKey, double drift) {
			if (!(warn > 0 && Double.isFinite(drift) && warn <= drift)) {
				throw new IllegalArgumentException("'" + warnKey + "' must be positive and at most '" + driftKey
						+ "', got " + warn + " and " + drift);
			}
		}

	}

}
