package dev.pokewatch.training.params;

import java.nio.file.Path;
import java.util.List;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.signal.SignalRule;

/**
 * Everything {@code params.yaml} configures. Paths are relative to the working directory
 * (the repository root when run by make or DVC).
 *
 * @param paths where data, models and reports live
 * @param outlier the preprocessing outlier rule ({@code preprocess.outlier.*})
 * @param thresholds signal thresholds ({@code model.*})
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
	 * @param holdoutDays the last days of the data, reported on and never selected on
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
	public record Train(List<FairPriceType> types, List<Integer> windows, int holdoutDays, int horizonDays,
			int minSignals, double minLift, int naiveLookbackDays, String experiment, String registeredModel,
			int plotTopCards) {

		public Train {
			types = List.copyOf(types);
			windows = List.copyOf(windows);
		}

		/**
		 * The grid: every type with every window.
		 * @return the models in a stable order
		 */
		public List<FairPriceRule> grid() {
			return this.types.stream()
				.flatMap((type) -> this.windows.stream().map((window) -> new FairPriceRule(type, window)))
				.toList();
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
