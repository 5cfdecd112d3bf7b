package dev.pokewatch.training.train;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.tracking.ExperimentTracker;
import dev.pokewatch.training.tracking.TrackedRun;

/**
 * Chooses the fair-price model, writes the candidate model directory
 * ({@code features.parquet} + {@code model_metadata.json}), {@code reports/metrics.json}
 * and the plots, and records the run in the experiment tracker. A tracking failure never
 * fails training: the outputs are written locally and one warning says tracking was
 * skipped.
 */
public class TrainCommand {

	private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final TrainTracking tracking;

	private final PrintStream out;

	private final Clock clock;

	/**
	 * Creates the command.
	 * @param tracker the tracker, or {@code null} when none is configured
	 * @param out progress output
	 * @param clock the clock of {@code trained_at}
	 */
	public TrainCommand(ExperimentTracker tracker, PrintStream out, Clock clock) {
		this.tracking = new TrainTracking(tracker);
		this.out = out;
		this.clock = clock;
	}

	/**
	 * Trains.
	 * @param params the parameters
	 * @return the candidate's metadata
	 */
	public ModelMetadata run(TrainingParams params) {
		TrainingProgress progress = new TrainingProgress(this.out);

		progress.loading(params.paths().processedDir());
		TrainingData data = TrainingData.load(params.paths().processedDir());
		progress.loaded(data);

		progress.backtesting(params);
		ModelSelection.Result result = ModelSelection.run(data.series(), params);
		progress.chose(result);
		ChampionOnHoldout.Outcome champion = ChampionOnHoldout.score(params.paths().baselineDir(), data.series(),
				result, params.train());
		progress.champion(champion, result);

		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String modelVersion = modelVersion(result.chosen(), now, data);
		TrackedRun run = this.tracking.start(params, result.chosen().model(), data, modelVersion);

		ModelMetadata metadata = metadata(params, data, result, now, modelVersion, run, champion.score());
		List<String> verdict = Verdict.lines(result);
		TrainOutputs outputs = writeOutputs(params, data, result, metadata, verdict, run);
		progress.wrote(outputs, modelVersion);
		progress.verdict(verdict);

		if (run != null) {
			String location = this.tracking.log(run, params, result, outputs);
			if (location != null) {
				progress.runLogged(location);
			}
		}
		return metadata;
	}

	private static String modelVersion(ModelSelection.Candidate chosen, Instant now, TrainingData data) {
		return chosen.id() + "-" + VERSION_TIME.format(now) + "-" + data.dataHash().substring(0, 8);
	}

	private static ModelMetadata metadata(TrainingParams params, TrainingData data, ModelSelection.Result result,
			Instant now, String modelVersion, TrackedRun run, ModelMetadata.ChampionScore championOnHoldout) {
		FairPriceRule chosen = result.chosen().model();
		return new ModelMetadata(chosen.type().id(), chosen.windowDays(), now.toString(),
				(run != null) ? run.runId() : null, (run != null) ? run.experimentId() : null,
				params.paths().processedDir().toString(), result.chosen().holdout().datasetSize(),
				TrainOutputs.finite(result.metrics()), ModelMetadata.Thresholds.of(result.chosen().signalRule()),
				modelVersion, data.dataHash(), ModelMetadata.DEFAULT_FEATURES_FILE, data.series().size(),
				chosen.trend().id(), params.train().horizonDays(), championOnHoldout);
	}

	private static TrainOutputs writeOutputs(TrainingParams params, TrainingData data, ModelSelection.Result result,
			ModelMetadata metadata, List<String> verdict, TrackedRun run) {
		try {
			return TrainOutputs.write(params, data, result, metadata, verdict, run);
		}
		catch (IOException ex) {
			if (run != null) {
				TrainTracking.fail(run);
			}
			throw new CommandException(CommandException.FAILED, "could not write outputs: " + ex.getMessage(), ex);
		}
	}

}
