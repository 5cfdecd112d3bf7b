package dev.pokewatch.training.validate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.system.ConsoleFormat;

/**
 * What {@code validate} prints: a short summary for people, one labelled line per step,
 * the gate's checks and the candidate's headline holdout metrics in aligned columns with
 * rounded numbers. Details go to the log file.
 */
final class ValidateReport {

	/** The holdout metrics shown, in this order, when the candidate has them. */
	static final List<String> HEADLINE_METRICS = List.of("mape", "naive_mape", "rmse", "coverage_rate", "buy_rate",
			"sell_rate", "hold_rate", "dataset_size");

	private static final String LABEL = "%-11s%s%n";

	private final PrintStream out;

	ValidateReport(PrintStream out) {
		this.out = out;
	}

	void line(String label, String text) {
		this.out.printf(LABEL, label, text);
	}

	void candidate(ModelMetadata candidate) {
		line("Candidate", model(candidate));
	}

	void champion(ModelMetadata champion, Path baselineDir) {
		line("Champion",
				(champion != null) ? model(champion) : "none in " + baselineDir + ": only the absolute limits apply");
	}

	void metrics(Map<String, Double> metrics) {
		List<List<String>> rows = new ArrayList<>();
		for (String name : HEADLINE_METRICS) {
			if (metrics.containsKey(name)) {
				rows.add(List.of(name, ConsoleFormat.number(metrics.get(name))));
			}
		}
		if (!rows.isEmpty()) {
			line("Holdout", "metrics (all of them: reports/metrics.json and the MLflow run)");
			ConsoleFormat.table("  ", rows).forEach(this.out::println);
		}
	}

	void gate(QualityGate.Decision decision) {
		line("Gate", decision.passed() ? "passed" : "FAILED");
		ConsoleFormat.table("  ", decision.checks().stream().map(QualityGate.Check::cells).toList())
			.forEach(this.out::println);
	}

	private static String model(ModelMetadata model) {
		String rule;
		try {
			rule = model.thresholds().toRule().id();
		}
		catch (IllegalArgumentException ex) {
			rule = "unreadable thresholds";
		}
		return model.modelType() + "_" + model.windowSize() + " " + model.trend() + ", " + rule + " (version "
				+ model.modelVersion() + ")";
	}

}
