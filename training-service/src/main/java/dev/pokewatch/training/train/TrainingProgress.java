package dev.pokewatch.training.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pokewatch.common.metrics.BacktestMetrics;
import dev.pokewatch.common.metrics.ConfidenceInterval;
import dev.pokewatch.common.metrics.SignalEvidence;

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
		TrainingParams.Train train = params.train();
		this.out.printf(
				"Backtesting %d candidate(s) walk-forward (%d fair-price x %d signal rules; holdout: each series' last "
						+ "%d day(s), at most %.0f %% of it)%n",
				train.grid().size() * train.signalRules(params.thresholds()).size(), train.grid().size(),
				train.signalRules(params.thresholds()).size(), train.holdoutDays(), train.holdoutMaxShare() * 100);
	}

	void chose(ModelSelection.Result result) {
		Map<String, Double> metrics = result.metrics();
		this.out.printf("Chose %s: %s [%s]%n", result.chosen().id(), result.reason(), elapsed());
		this.out.printf("Holdout %s..%s: MAPE %.3f %% (naive %.3f %%, older system in-sample %.3f %%), coverage %.3f%n",
				result.holdoutWindow().from(), result.holdoutWindow().to(), metrics.get("mape"),
				metrics.get("naive_mape"), metrics.get("legacy_insample_mape"), metrics.get("coverage_rate"));
		BacktestMetrics holdout = result.chosen().holdout();
		List<SignalEvidence> sides = List.of(holdout.buyEvidence(), holdout.sellEvidence());
		if (sides.stream().allMatch((side) -> side.signals() == 0)) {
			this.out.printf("  no BUY/SELL signal with a %d-day outcome on the holdout%n", result.horizonDays());
		}
		else {
			sides.forEach((side) -> this.out.printf("  %s%n", evidence(side, result.horizonDays())));
		}
	}

	void champion(ChampionOnHoldout.Outcome champion, ModelSelection.Result result) {
		if (champion.score() == null) {
			this.out.printf("Champion: %s%n", champion.summary());
			return;
		}
		String horizonMape = "horizon_mape_" + result.horizonDays() + "d";
		Double theirs = champion.score().metrics().get(horizonMape);
		Double ours = result.metrics().get(horizonMape);
		this.out.printf(Locale.ROOT, "Champion: %s: %d-day MAPE %s (candidate %s) [%s]%n", champion.summary(),
				result.horizonDays(), percent(theirs), percent(ours), elapsed());
	}

	private static String percent(Double value) {
		return (value != null && Double.isFinite(value)) ? String.format(Locale.ROOT, "%.3f %%", value) : "n/a";
	}

	/**
	 * One side's holdout evidence, e.g. {@code BUY 12 signal(s): hit 66.7 % vs base
	 * 41.0 %, lift +25.7 pp [95 % CI +0.3, +47.9]}.
	 * @param side the evidence
	 * @param horizonDays the outcome horizon
	 * @return the line
	 */
	static String evidence(SignalEvidence side, int horizonDays) {
		if (side.signals() == 0) {
			return "no " + side.side() + " signal with a " + horizonDays + "-day outcome on the holdout";
		}
		String line = String.format(Locale.ROOT, "%s %d signal(s): hit %.1f %%", side.side(), side.signals(),
				side.hitRate().getAsDouble() * 100);
		if (side.liftPp().isEmpty()) {
			return line;
		}
		ConfidenceInterval interval = side.liftPpInterval().orElseThrow();
		return line + String.format(Locale.ROOT, " vs base %.1f %%, lift %+.1f pp [95 %% CI %+.1f, %+.1f]",
				side.baseRate() * 100, side.liftPp().getAsDouble(), interval.low(), interval.high());
	}

	void wrote(TrainOutputs outputs, String modelVersion) {
		this.out.printf("Wrote candidate %s (version %s), %s and %d plot(s) in %s [%s]%n", outputs.candidateDir(),
				modelVersion, outputs.metricsFile(), outputs.images().size(), outputs.plotsDir(), elapsed());
	}

	void verdict(List<String> lines) {
		this.out.println();
		lines.forEach(this.out::println);
		this.out.println();
	}

	void runLogged(String location) {
		this.out.printf("Run logged: %s%n", location);
	}

	private String elapsed() {
		return String.format("%.1f s", (System.nanoTime() - this.started) / 1e9);
	}

}
