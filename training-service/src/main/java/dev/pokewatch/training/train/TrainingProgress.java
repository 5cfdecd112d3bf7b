package dev.pokewatch.training.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import dev.pokewatch.training.params.TrainingParams;

/**
 * The progress lines the {@code train} command prints, each step with the time elapsed
 * since the command started.
 */
final class TrainingProgress {

	private final PrintStream out;

	private final long started = System.nanoTime();

	TrainingProgress(PrintStream out) {
		this.out = out;
	}

	void loading(Path processedDir) {
		this.out.printf("Loading processed data from %s%n", processedDir);
	}

	void loaded(TrainingData data) {
		this.out.printf("Loaded %d row(s), %d card(s), %s..%s from %d file(s) [%s]%n", data.rows(),
				data.series().size(), data.firstDay(), data.lastDay(), data.files().size(), elapsed());
	}

	void backtesting(TrainingParams params) {
		this.out.printf("Backtesting %d grid model(s) walk-forward (holdout: last %d day(s))%n",
				params.train().grid().size(), params.train().holdoutDays());
	}

	void chose(ModelSelection.Result result) {
		Map<String, Double> metrics = result.metrics();
		this.out.printf("Chose %s: %s [%s]%n", result.chosen().model().id(), result.reason(), elapsed());
		this.out.printf(
				"Holdout %s..%s: MAPE %.3f %% (naive %.3f %%, older system in-sample %.3f %%), coverage %.3f, "
						+ "%d-day signal lift %+.3f over %d signal(s)%n",
				result.holdoutWindow().from(), result.holdoutWindow().to(), metrics.get("mape"),
				metrics.get("naive_mape"), metrics.get("legacy_insample_mape"), metrics.get("coverage_rate"),
				result.horizonDays(), result.chosen().holdout().signalLift(),
				result.chosen().holdout().signalOutcomes());
	}

	void wrote(TrainOutputs outputs, String modelVersion) {
		this.out.printf("Wrote candidate %s (version %s), %s and %d plot(s) in %s [%s]%n", outputs.candidateDir(),
				modelVersion, outputs.metricsFile(), outputs.images().size(), outputs.plotsDir(), elapsed());
	}

	void runLogged(String location) {
		this.out.printf("Run logged: %s%n", location);
	}

	private String elapsed() {
		return String.format("%.1f s", (System.nanoTime() - this.started) / 1e9);
	}

}
