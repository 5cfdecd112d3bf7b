package dev.pokewatch.training.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.served.ModelFeatureRow;
import dev.pokewatch.common.served.ModelFeaturesParquet;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.TrackedRun;
import dev.pokewatch.training.tracking.TrackingException;

/**
 * Chooses the fair-price model, writes the candidate model directory
 * ({@code features.parquet} + {@code model_metadata.json}), {@code reports/metrics.json}
 * and the plots, and records the run in the experiment tracker. A tracking failure never
 * fails training: the outputs are written locally and one warning says tracking was
 * skipped.
 */
public class TrainCommand {

	private static final Logger logger = LoggerFactory.getLogger(TrainCommand.class);

	private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final ExperimentTracker tracker;

	private final PrintStream out;

	private final Clock clock;

	/**
	 * Creates the command.
	 * @param tracker the tracker, or {@code null} when none is configured
	 * @param out progress output
	 * @param clock the clock of {@code trained_at}
	 */
	public TrainCommand(ExperimentTracker tracker, PrintStream out, Clock clock) {
		this.tracker = tracker;
		this.out = out;
		this.clock = clock;
	}

	/**
	 * Trains.
	 * @param params the parameters
	 * @return the candidate's metadata
	 */
	public ModelMetadata run(TrainingParams params) {
		TrainingParams.Paths paths = params.paths();
		long started = System.nanoTime();
		this.out.printf("Loading processed data from %s%n", paths.processedDir());
		TrainingData data = TrainingData.load(paths.processedDir());
		this.out.printf("Loaded %d row(s), %d card(s), %s..%s from %d file(s) [%s]%n", data.rows(),
				data.series().size(), data.firstDay(), data.lastDay(), data.files().size(), elapsed(started));
		this.out.printf("Backtesting %d grid model(s) walk-forward (holdout: last %d day(s))%n",
				params.train().grid().size(), params.train().holdoutDays());
		ModelSelection.Result result = ModelSelection.run(data.series(), data.firstDay(), data.lastDay(), params);
		FairPriceRule chosen = result.chosen().model();
		Map<String, Double> metrics = result.metrics();
		this.out.printf("Chose %s: %s [%s]%n", chosen.id(), result.reason(), elapsed(started));
		this.out.printf(
				"Holdout %s..%s: MAPE %.3f %% (naive %.3f %%, older system in-sample %.3f %%), coverage %.3f, "
						+ "%d-day signal lift %+.3f over %d signal(s)%n",
				result.holdoutWindow().from(), result.holdoutWindow().to(), metrics.get("mape"),
				metrics.get("naive_mape"), metrics.get("legacy_insample_mape"), metrics.get("coverage_rate"),
				result.horizonDays(), result.chosen().holdout().signalLift(),
				result.chosen().holdout().signalOutcomes());

		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String modelVersion = chosen.id() + "-" + VERSION_TIME.format(now) + "-" + data.dataHash().substring(0, 8);
		TrackedRun run = startRun(params, chosen, data, modelVersion);
		List<double[]> fair = ModelSelection.fairPrices(data.series(), chosen);
		ModelMetadata metadata = new ModelMetadata(chosen.type().id(), chosen.windowDays(), now.toString(),
				(run != null) ? run.runId() : null, (run != null) ? run.experimentId() : null,
				paths.processedDir().toString(), result.chosen().holdout().datasetSize(), finite(metrics),
				new ModelMetadata.Thresholds(params.thresholds().buyThresholdPct(),
						params.thresholds().sellThresholdPct()),
				modelVersion, data.dataHash(), ModelMetadata.DEFAULT_FEATURES_FILE, data.series().size());
		Path plotsDir = paths.reportsDir().resolve("plots");
		Path metricsFile = paths.reportsDir().resolve("metrics.json");
		List<Path> images;
		try {
			// the plots and the features file are independent: render while the file is
			// encoded
			CompletableFuture<List<Path>> plots = CompletableFuture.supplyAsync(() -> {
				try {
					return PlotWriter.write(plotsDir, Backtest.points(data.series(), fair, result.holdoutWindow(),
							params.thresholds(), result.horizonDays()), data.series(), fair,
							params.train().plotTopCards());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			try {
				writeCandidate(paths.candidateDir(), data, fair, metadata, run);
				ModelFiles.writeJson(metricsFile, metricsDocument(result));
			}
			finally {
				images = joinPlots(plots);
			}
		}
		catch (IOException ex) {
			if (run != null) {
				endQuietly(run, false);
			}
			throw new CommandException(CommandException.FAILED, "could not write outputs: " + ex.getMessage(), ex);
		}
		this.out.printf("Wrote candidate %s (version %s), %s and %d plot(s) in %s [%s]%n", paths.candidateDir(),
				modelVersion, metricsFile, images.size(), plotsDir, elapsed(started));
		if (run != null) {
			logRun(run, params, result, metrics, paths.candidateDir(), images, metricsFile);
		}
		return metadata;
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

	private TrackedRun startRun(TrainingParams params, FairPriceRule chosen, TrainingData data, String version) {
		if (this.tracker == null) {
			logger.warn("Tracking skipped: no experiment tracker is configured; outputs are written locally only");
			return null;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		gitCommit().ifPresent((commit) -> tags.put("git_commit", commit));
		tags.put("data_hash", data.dataHash());
		tags.put("model_type", chosen.type().id());
		tags.put("window_size", Integer.toString(chosen.windowDays()));
		tags.put("model_version", version);
		try {
			return this.tracker.startRun(params.train().experiment(), "train-" + chosen.id(), tags);
		}
		catch (TrackingException ex) {
			logger.warn("Tracking skipped ({}): {}; outputs are written locally only", this.tracker.describe(),
					ex.getMessage());
			return null;
		}
	}

	private void logRun(TrackedRun run, TrainingParams params, ModelSelection.Result result,
			Map<String, Double> metrics, Path candidateDir, List<Path> images, Path metricsFile) {
		try {
			run.logParams(runParams(params, result));
			run.logMetrics(metrics);
			run.logMetrics(result.gridMetrics());
			run.logArtifacts(candidateDir, "model");
			for (Path image : images) {
				run.logArtifacts(image, "plots");
			}
			run.logArtifacts(metricsFile, "reports");
			run.end(true);
			this.out.printf("Run logged: %s%n", run.location());
		}
		catch (TrackingException ex) {
			logger.warn("Tracking incomplete, run {} marked failed ({}); outputs are written locally", run.runId(),
					ex.getMessage());
			endQuietly(run, false);
		}
	}

	private static Map<String, String> runParams(TrainingParams params, ModelSelection.Result result) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("model_type", result.chosen().model().type().id());
		p.put("window_size", Integer.toString(result.chosen().model().windowDays()));
		p.put("buy_threshold_pct", Double.toString(params.thresholds().buyThresholdPct()));
		p.put("sell_threshold_pct", Double.toString(params.thresholds().sellThresholdPct()));
		p.put("grid_types", String.join(",", params.train().types().stream().map((t) -> t.id()).toList()));
		p.put("grid_windows", String.join(",", params.train().windows().stream().map(String::valueOf).toList()));
		p.put("holdout_days", Integer.toString(params.train().holdoutDays()));
		p.put("horizon_days", Integer.toString(params.train().horizonDays()));
		p.put("min_signals", Integer.toString(params.train().minSignals()));
		p.put("min_lift", Double.toString(params.train().minLift()));
		p.put("naive_lookback_days", Integer.toString(params.train().naiveLookbackDays()));
		p.put("gate_mape_max", Double.toString(params.gate().mapeMax()));
		p.put("selection_window", result.selectionWindow().from() + ".." + result.selectionWindow().to());
		p.put("holdout_window", result.holdoutWindow().from() + ".." + result.holdoutWindow().to());
		p.put("outlier_window_days", Integer.toString(params.outlier().windowDays()));
		p.put("outlier_min_jump_factor", Double.toString(params.outlier().minJumpFactor()));
		p.put("outlier_mad_k", Double.toString(params.outlier().madK()));
		p.put("selection_reason", result.reason());
		return p;
	}

	private static void writeCandidate(Path candidateDir, TrainingData data, List<double[]> fair,
			ModelMetadata metadata, TrackedRun run) throws IOException {
		Path staged = ModelFiles.stage(candidateDir);
		try {
			List<ModelFeatureRow> rows = featureRows(data.series(), fair);
			ModelFeaturesParquet.write(staged.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), rows);
			ModelFiles.writeJson(staged.resolve(ModelMetadata.FILE_NAME), metadata);
			if (run != null) {
				Map<String, String> tracking = new LinkedHashMap<>();
				tracking.put("run_id", run.runId());
				tracking.put("experiment_id", run.experimentId());
				tracking.put("artifact_uri", run.artifactUri());
				tracking.put("location", run.location());
				ModelFiles.writeJson(staged.resolve(ModelFiles.TRACKING_FILE), tracking);
			}
			ModelFiles.replaceDirectory(staged, candidateDir);
		}
		finally {
			ModelFiles.deleteRecursively(staged);
		}
	}

	/**
	 * One row per collected (card, day), sorted by card and day, built from the series on
	 * demand: holding millions of rows at once would cost more heap than the series.
	 */
	static List<ModelFeatureRow> featureRows(List<CardSeries> series, List<double[]> fair) {
		Integer[] order = new Integer[series.size()];
		long size = 0;
		for (int s = 0; s < order.length; s++) {
			order[s] = s;
			CardSeries card = series.get(s);
			for (int i = 0; i < card.length(); i++) {
				size += card.collected(i) ? 1 : 0;
			}
		}
		java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer s) -> series.get(s).cardId()));
		int total = (int) size;
		return new java.util.AbstractList<>() {

			@Override
			public ModelFeatureRow get(int index) {
				throw new UnsupportedOperationException("feature rows are only iterated");
			}

			@Override
			public java.util.Iterator<ModelFeatureRow> iterator() {
				return new java.util.Iterator<>() {

					private int next;

					private int s = -1;

					private int i;

					@Override
					public boolean hasNext() {
						return this.next < total;
					}

					@Override
					public ModelFeatureRow next() {
						if (!hasNext()) {
							throw new java.util.NoSuchElementException();
						}
						while (this.s < 0 || this.i >= series.get(order[this.s]).length()
								|| !series.get(order[this.s]).collected(this.i)) {
							if (this.s < 0 || this.i >= series.get(order[this.s]).length()) {
								this.s++;
								this.i = 0;
							}
							else {
								this.i++;
							}
						}
						CardSeries card = series.get(order[this.s]);
						double market = card.market()[this.i];
						double fairPrice = fair.get(order[this.s])[this.i];
						ModelFeatureRow row = new ModelFeatureRow(card.cardId(), card.cardName(), card.setName(),
								card.category(), card.day(this.i), Double.isNaN(market) ? null : market,
								Double.isNaN(fairPrice) ? null : fairPrice, card.outlier()[this.i]);
						this.i++;
						this.next++;
						return row;
					}

				};
			}

			@Override
			public int size() {
				return total;
			}

		};
	}

	private static Map<String, Object> metricsDocument(ModelSelection.Result result) {
		Map<String, Object> document = new LinkedHashMap<>(finite(result.metrics()));
		Map<String, Object> grid = new LinkedHashMap<>();
		for (ModelSelection.Candidate c : result.grid()) {
			Map<String, Double> entry = new LinkedHashMap<>();
			entry.put("selection_mape", c.selection().mape());
			entry.put("selection_signal_lift", c.selection().signalLift());
			entry.put("selection_signal_outcomes", (double) c.selection().signalOutcomes());
			entry.put("holdout_mape", c.holdout().mape());
			entry.put("holdout_signal_lift", c.holdout().signalLift());
			grid.put(c.model().id(), finite(entry));
		}
		document.put("grid", grid);
		return document;
	}

	private static Map<String, Double> finite(Map<String, Double> metrics) {
		Map<String, Double> finite = new LinkedHashMap<>();
		metrics.forEach((key, value) -> {
			if (value != null && Double.isFinite(value)) {
				finite.put(key, value);
			}
		});
		return finite;
	}

	private static void endQuietly(TrackedRun run, boolean success) {
		try {
			run.end(success);
		}
		catch (TrackingException ex) {
			logger.debug("Could not end run {}", run.runId(), ex);
		}
	}

	private static String elapsed(long started) {
		return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
	}

	private static java.util.Optional<String> gitCommit() {
		try {
			Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
			// wait first (a commit hash never fills the pipe), so a stuck git cannot
			// block training
			if (!git.waitFor(5, TimeUnit.SECONDS)) {
				git.destroyForcibly();
				return java.util.Optional.empty();
			}
			String output = new String(git.getInputStream().readAllBytes()).trim();
			if (git.exitValue() == 0 && output.matches("[0-9a-f]{40}")) {
				return java.util.Optional.of(output);
			}
		}
		catch (IOException ex) {
			// no git on this machine: the tag is optional
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return java.util.Optional.empty();
	}

}
