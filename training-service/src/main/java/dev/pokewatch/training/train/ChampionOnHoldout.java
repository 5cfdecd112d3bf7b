package dev.pokewatch.training.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.metrics.BacktestMetrics;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ModelFiles;

/**
 * The served model of training time (the champion) re-scored on the candidate's holdout:
 * its fair-price and signal rules re-applied to the same series and days, so the quality
 * gate compares the two on one window instead of with a figure the champion earned on its
 * own, older holdout (a calm window flatters whichever model it scored).
 */
final class ChampionOnHoldout {

	private ChampionOnHoldout() {
	}

	/**
	 * Re-scores the champion.
	 * @param baselineDir the served model's directory
	 * @param series the candidate's series
	 * @param result the candidate's model selection (its holdout windows and horizon)
	 * @param train the training parameters (how dispersion is measured)
	 * @return the score, or an outcome saying why there is none
	 */
	static Outcome score(Path baselineDir, List<CardSeries> series, ModelSelection.Result result,
			TrainingParams.Train train) {
		if (!Files.isRegularFile(baselineDir.resolve(ModelMetadata.FILE_NAME))) {
			return new Outcome(null, "no champion in " + baselineDir + " to compare with");
		}
		ModelMetadata champion;
		FairPriceRule fairPrice;
		SignalRule signal;
		try {
			champion = ModelFiles.readMetadata(baselineDir);
			fairPrice = champion.fairPriceRule();
			signal = champion.thresholds().toRule();
		}
		catch (CommandException | IllegalArgumentException ex) {
			return new Outcome(null, "the champion in " + baselineDir + " cannot be re-applied (" + ex.getMessage()
					+ "): the gate uses its stored figures");
		}
		List<double[]> dispersion = series.stream()
			.map((s) -> train.dispersion(fairPrice.windowDays()).of(s.usable()))
			.toList();
		BacktestMetrics holdout = Backtest.evaluate(ModelSelection.forecasts(series, fairPrice, dispersion),
				result.split().holdout(), signal, result.horizonDays());
		Map<String, Double> metrics = TrainOutputs.finite(holdout.toMap(result.horizonDays()));
		String rule = fairPrice.id() + "_" + signal.id();
		return new Outcome(new ModelMetadata.ChampionScore(champion.modelVersion(), rule, metrics),
				"champion " + champion.modelVersion() + " (" + rule + ") re-scored on this holdout");
	}

	/**
	 * The re-scoring's outcome.
	 *
	 * @param score the champion's holdout metrics, {@code null} when there is none
	 * @param summary one line saying what was done
	 */
	record Outcome(ModelMetadata.ChampionScore score, String summary) {

	}

}
