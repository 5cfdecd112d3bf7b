package dev.pokewatch.training.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.ConsoleFormat;

/**
 * The promotion rule: the candidate's holdout {@code mape} and {@code coverage_rate} must
 * meet the absolute limits, and must not be worse than the current champion's by more
 * than the margins. A missing metric fails the check rather than being assumed.
 */
final class QualityGate {

	private QualityGate() {
	}

	static Decision evaluate(Map<String, Double> candidate, Map<String, Double> champion, TrainingParams.Gate gate) {
		List<Check> checks = new ArrayList<>();
		Double mape = candidate.get("mape");
		Double coverage = candidate.get("coverage_rate");
		checks.add(Check.atMost("mape", mape, gate.mapeMax(), "limit"));
		checks.add(Check.atLeast("coverage_rate", coverage, gate.coverageMin(), "limit"));
		if (champion != null) {
			Double championMape = champion.get("mape");
			Double championCoverage = champion.get("coverage_rate");
			if (championMape != null) {
				checks.add(Check.atMost("mape", mape, championMape + gate.championMapeMargin(),
						"champion " + ConsoleFormat.number(championMape) + " + margin "
								+ ConsoleFormat.number(gate.championMapeMargin())));
			}
			if (championCoverage != null) {
				checks.add(Check.atLeast("coverage_rate", coverage, championCoverage - gate.championCoverageMargin(),
						"champion " + ConsoleFormat.number(championCoverage) + " - margin "
								+ ConsoleFormat.number(gate.championCoverageMargin())));
			}
		}
		return new Decision(checks);
	}

	/**
	 * One comparison of a candidate metric with a bound.
	 *
	 * @param metric the metric name
	 * @param value the candidate's value, null when missing
	 * @param operator {@code <=} or {@code >=}
	 * @param bound the bound
	 * @param basis where the bound comes from ({@code limit}, or the champion and margin)
	 * @param passed whether the value meets the bound
	 */
	record Check(String metric, Double value, String operator, double bound, String basis, boolean passed) {

		static Check atMost(String metric, Double value, double bound, String basis) {
			return new Check(metric, value, "<=", bound, basis, value != null && value <= bound);
		}

		static Check atLeast(String metric, Double value, double bound, String basis) {
			return new Check(metric, value, ">=", bound, basis, value != null && value >= bound);
		}

		/**
		 * The check as table cells: outcome, metric, value, operator and bound, basis.
		 * @return the cells
		 */
		List<String> cells() {
			return List.of(this.passed ? "PASS" : "FAIL", this.metric,
					(this.value != null) ? ConsoleFormat.number(this.value) : "<missing>",
					this.operator + " " + ConsoleFormat.number(this.bound), "(" + this.basis + ")");
		}

		/**
		 * Why the check failed, with enough digits that the deciding ones are never
		 * rounded away (the reason is kept in the MLflow tag {@code gate.reason}).
		 * @return the reason
		 */
		String describe() {
			return this.metric + " " + ((this.value != null) ? precise(this.value) : "<missing>") + " is not "
					+ this.operator + " " + precise(this.bound) + " (" + this.basis + ")";
		}

		private static String precise(double value) {
			return Double.isFinite(value)
					? BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString()
					: String.valueOf(value);
		}

	}

	/**
	 * A gate decision.
	 *
	 * @param checks every check with its outcome
	 */
	record Decision(List<Check> checks) {

		Decision {
			checks = List.copyOf(checks);
		}

		boolean passed() {
			return this.checks.stream().allMatch(Check::passed);
		}

		List<String> failures() {
			return this.checks.stream().filter((check) -> !check.passed()).map(Check::describe).toList();
		}

		String summary() {
			return passed() ? "passed" : "failed: " + String.join("; ", failures());
		}

	}

}
