package dev.pokewatch.training.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pokewatch.training.params.TrainingParams;

/**
 * The promotion rule: the candidate's holdout {@code mape} and {@code coverage_rate} must
 * meet the absolute limits, and must not be worse than the current champion's by more
 * than the margins. A missing metric fails the check rather than being assumed.
 */
final class QualityGate {

	private QualityGate() {
	}

	static Decision evaluate(Map<String, Double> candidate, Map<String, Double> champion, TrainingParams.Gate gate) {
		List<String> checks = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		Double mape = candidate.get("mape");
		Double coverage = candidate.get("coverage_rate");
		check(mape != null && mape <= gate.mapeMax(), String.format("mape %s <= %.4f", show(mape), gate.mapeMax()),
				checks, failures);
		check(coverage != null && coverage >= gate.coverageMin(),
				String.format("coverage_rate %s >= %.4f", show(coverage), gate.coverageMin()), checks, failures);
		if (champion != null) {
			Double championMape = champion.get("mape");
			Double championCoverage = champion.get("coverage_rate");
			if (championMape != null) {
				double limit = championMape + gate.championMapeMargin();
				check(mape != null && mape <= limit, String.format("mape %s <= champion %.4f + margin %.4f", show(mape),
						championMape, gate.championMapeMargin()), checks, failures);
			}
			if (championCoverage != null) {
				double limit = championCoverage - gate.championCoverageMargin();
				check(coverage != null && coverage >= limit,
						String.format("coverage_rate %s >= champion %.4f - margin %.4f", show(coverage),
								championCoverage, gate.championCoverageMargin()),
						checks, failures);
			}
		}
		return new Decision(failures.isEmpty(), checks, failures);
	}

	private static void check(boolean ok, String description, List<String> checks, List<String> failures) {
		checks.add((ok ? "PASS " : "FAIL ") + description);
		if (!ok) {
			failures.add(description);
		}
	}

	private static String show(Double value) {
		return (value != null) ? String.format("%.4f", value) : "<missing>";
	}

	/**
	 * A gate decision.
	 *
	 * @param passed whether every check passed
	 * @param checks every check with its outcome
	 * @param failures the failed checks
	 */
	record Decision(boolean passed, List<String> checks, List<String> failures) {

		String summary() {
			return this.passed ? "passed" : "failed: " + String.join("; ", this.failures);
		}

	}

}
