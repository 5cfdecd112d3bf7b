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
 */
public record TrainingParams(Paths paths, OutlierRule outlier, SignalRule thresholds, Train train, Gate gate) {

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

}
