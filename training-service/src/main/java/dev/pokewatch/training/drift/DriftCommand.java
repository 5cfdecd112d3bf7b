package dev.pokewatch.training.drift;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ConsoleFormat;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.ExperimentTracker;

/**
 * The {@code drift} command: judges the served model against the processed data, writes
 * {@code reports/drift.json} atomically, prints a short summary and logs the check to the
 * experiment tracker. The status is data, not failure: {@code ok}, {@code warn} and
 * {@code drift} all exit 0 (a scheduler reads the report); unusable input exits 2.
 */
public class DriftCommand {

	/** The report's file name in the reports directory. */
	public static final String REPORT_FILE = "drift.json";

	private static final String LABEL = "%-11s%s%n";

	private final DriftTracking tracking;

	private final PrintStream out;

	private final Clock clock;

	/**
	 * Creates the command.
	 * @param tracker where the check is logged, or {@code null} when none is configured
	 * @param out progress output
	 * @param clock the clock of the report's timestamp
	 */
	public DriftCommand(ExperimentTracker tracker, PrintStream out, Clock clock) {
		this.tracking = new DriftTracking(tracker);
		this.out = out;
		this.clock = clock;
	}

	/**
	 * Runs the check.
	 * @param params the parameters
	 * @throws CommandException exit 2 naming the file when an input is missing or
	 * unreadable, exit 1 when the report cannot be written
	 */
	public void run(TrainingParams params) {
		ServedModel model = DriftInputs.servedModel(params.paths().baselineDir(), params.train());
		List<CardSeries> series = DriftInputs.series(params.paths().processedDir());
		DriftReport report = new DriftAnalysis(params.drift()).run(series, model);
		Path reportFile = params.paths().reportsDir().resolve(REPORT_FILE);
		try {
			ModelFiles.writeJson(reportFile, report.toJson(params.drift(), this.clock.instant()));
		}
		catch (IOException ex) {
			throw new CommandException(CommandException.FAILED,
					reportFile + ": could not write the drift report: " + ex.getMessage(), ex);
		}
		print(report, model, series.size(), params.drift());
		line("Report", reportFile.toString());
		line("Tracking", this.tracking.log(params.drift().experiment(), report, reportFile));
	}

	private void print(DriftReport report, ServedModel model, int cards, TrainingParams.Drift thresholds) {
		line("Model", model.fairPrice().id() + ", " + model.signal().id() + " (version "
				+ model.metadata().modelVersion() + "), trained on data to " + model.lastTrainedDay());
		line("Data",
				cards + " cards to " + report.latestDay() + "; current " + report.current().from() + ".."
						+ report.current().to() + " against reference " + report.reference().from() + ".."
						+ report.reference().to());
		line("PSI", "per category, current against reference (warn at " + ConsoleFormat.number(thresholds.psiWarn())
				+ ", drift at " + ConsoleFormat.number(thresholds.psiDrift()) + ")");
		ConsoleFormat.table("  ", psiRows(report.psi())).forEach(this.out::println);
		DriftReport.LiveError live = report.liveError();
		line("Live error",
				String.format(Locale.ROOT, "MAPE %s %% over %s..%s (%d points), training %s %%, ratio %s: %s",
						ConsoleFormat.number(live.mape()), live.window().from(), live.window().to(), live.points(),
						ConsoleFormat.number(live.trainingMape()), ConsoleFormat.number(live.ratio()),
						live.status().id()));
		DriftReport.HitRate hits = report.hitRate();
		line("Hit rate",
				String.format(Locale.ROOT, "%s over %d signals since %s, holdout %s: %s",
						ConsoleFormat.number(hits.hitRate()), hits.outcomes(), hits.since(),
						ConsoleFormat.number(hits.holdoutHitRate()), hits.status().id()));
		line("Status", report.status().id().toUpperCase(Locale.ROOT));
		report.reasons().forEach((reason) -> this.out.println("  " + reason));
	}

	private static List<List<String>> psiRows(Map<String, Map<String, DriftReport.CategoryPsi>> psi) {
		List<String> features = new ArrayList<>(psi.keySet());
		TreeSet<String> categories = new TreeSet<>();
		psi.values().forEach((byCategory) -> categories.addAll(byCategory.keySet()));
		List<List<String>> rows = new ArrayList<>();
		List<String> header = new ArrayList<>(List.of("category"));
		header.addAll(features);
		rows.add(header);
		for (String category : categories) {
			List<String> row = new ArrayList<>(List.of(category));
			for (String feature : features) {
				DriftReport.CategoryPsi value = psi.get(feature).get(category);
				row.add((value == null) ? "-" : (value.psi() != null)
						? ConsoleFormat.number(value.psi()) + " " + value.status().id() : value.status().id());
			}
			rows.add(row);
		}
		return rows;
	}

	private void line(String label, String text) {
		this.out.printf(LABEL, label, text);
	}

}
