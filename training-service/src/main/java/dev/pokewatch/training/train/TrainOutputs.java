package dev.pokewatch.training.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.TrackedRun;

/**
 * The files a training run writes: the candidate model directory, {@code metrics.json}
 * and the plots.
 *
 * @param candidateDir the candidate model directory
 * @param metricsFile {@code reports/metrics.json}
 * @param plotsDir the plots directory
 * @param images the plots written
 */
record TrainOutputs(Path candidateDir, Path metricsFile, Path plotsDir, List<Path> images) {

	/** The verdict's file name in the reports directory. */
	static final String VERDICT_FILE = "verdict.txt";

	/**
	 * Writes every output; the plots are rendered while the features file is encoded, as
	 * they are independent.
	 * @param params the parameters (paths, thresholds, plot count)
	 * @param data the training data
	 * @param result the model selection
	 * @param metadata the candidate's metadata
	 * @param verdict the verdict, written to {@code reports/verdict.txt}
	 * @param run the tracked run, or {@code null}
	 * @return where the outputs went
	 * @throws IOException if a file cannot be written
	 */
	static TrainOutputs write(TrainingParams params, TrainingData data, ModelSelection.Result result,
			ModelMetadata metadata, List<String> verdict, TrackedRun run) throws IOException {
		TrainingParams.Paths paths = params.paths();
		Path plotsDir = paths.reportsDir().resolve("plots");
		Path metricsFile = paths.reportsDir().resolve("metrics.json");
		List<Backtest.SeriesForecast> forecasts = ModelSelection.forecasts(data.series(), result.chosen().model(),
				result.dispersion());
		List<double[]> fair = forecasts.stream().map(Backtest.SeriesForecast::fairPrices).toList();
		CompletableFuture<List<Path>> plots = CompletableFuture.supplyAsync(() -> {
			try {
				return PlotWriter.write(plotsDir, Backtest.points(forecasts, result.split().holdout(),
						result.chosen().signalRule(), result.horizonDays()), data.series(), fair,
						params.train().plotTopCards());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		List<Path> images;
		try {
			CandidateDirectory.write(paths.candidateDir(), () -> ServedFeatureRows.of(forecasts), metadata, run);
			ModelFiles.writeJson(metricsFile, metricsDocument(result));
			ModelFiles.writeText(paths.reportsDir().resolve(VERDICT_FILE), String.join("\n", verdict) + "\n");
		}
		finally {
			images = joinPlots(plots);
		}
		return new TrainOutputs(paths.candidateDir(), metricsFile, plotsDir, images);
	}

	private static List<Path> joinPlots(CompletableFuture<List<Path>> plots) throws IOException {
		try {
			return plots.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof UncheckedIOException io) {
				throw io.getCause();
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	private static Map<String, Object> metricsDocument(ModelSelection.Result result) {
		Map<String, Object> document = new LinkedHashMap<>(finite(result.metrics()));
		Map<String, Object> grid = new LinkedHashMap<>();
		for (ModelSelection.Candidate c : result.grid()) {
			Map<String, Double> entry = new LinkedHashMap<>();
			entry.put("selection_mape", c.selection().mape());
			entry.put("selection_signal_lift", c.selection().signalLift());
			entry.put("selection_signal_lift_pp_low", c.score());
			entry.put("selection_signal_outcomes", (double) c.selection().signalOutcomes());
			entry.put("holdout_mape", c.holdout().mape());
			entry.put("holdout_signal_lift", c.holdout().signalLift());
			entry.put("holdout_signal_outcomes", (double) c.holdout().signalOutcomes());
			grid.put(c.id(), finite(entry));
		}
		document.put("grid", grid);
		return document;
	}

	/**
	 * The metrics without the undefined ones: JSON has no {@code NaN}.
	 * @param metrics the metrics
	 * @return the finite ones, in the same order
	 */
	static Map<String, Double> finite(Map<String, Double> metrics) {
		Map<String, Double> finite = new LinkedHashMap<>();
		metrics.forEach((key, value) -> {
			if (value != null && Double.isFinite(value)) {
				finite.put(key, value);
			}
		});
		return finite;
	}

}
