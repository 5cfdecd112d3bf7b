package dev.pokewatch.training.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.ConsoleFormat;

/**
 * The promotion rule: the candidate's holdout {@code mape} and {@code coverage_rate} must
 * meet the absolute limits, and must not be worse than the current champion's by more
 * than the margins, the champion scored on the candidate's holdout when training could
 * re-apply its rules ({@link ChampionFigures}), else its stored figures (the error of the
 * fair price as a horizon forecast, {@code horizon_mape_<h>d}, is compared when both
 * report it, else {@code mape}). A missing metric fails the check rather than being
 * assumed. When {@code gate.refuse_negative_lift} is set, the BUY and SELL signals must
 * not do significantly worse than chance (the whole 95 % interval of their lift below 0).
 */
final class QualityGate {

	private QualityGate() {
	}

	static Decision evaluate(Map<String, Double> candidate, ChampionFigures championFigures, TrainingParams.Gate gate,
			int horizonDays) {
		Map<String, Double> champion = (championFigures != null) ? championFigures.metrics() : null;
		List<Check> checks = new ArrayList<>();
		Double mape = candidate.get("mape");
		Double coverage = candidate.get("coverage_rate");
		Double naiveMape = candidate.get("naive_mape");
		checks.add(Check.atMost("mape", mape, gate.mapeMax(),
				(naiveMape != null) ? "limit; naive " + ConsoleFormat.number(naiveMape) : "limit"));
		checks.add(Check.atLeast("coverage_rate", coverage, gate.coverageMin(), "limit"));
		if (champion != null) {
			// the fair price forecasts the horizon: compare that error when both models
			// report it (a momentum rule's same-day error says little)
			String horizonMape = "horizon_mape_" + horizonDays + "d";
			String compared = (candidate.get(horizonMape) != null && champion.get(horizonMape) != null) ? horizonMape
					: "mape";
			Double championMape = champion.get(compared);
			Double championCoverage = champion.get("coverage_rate");
			if (championMape != null) {
				checks.add(Check.atMost(compared, candidate.get(compared), championMape + gate.championMapeMargin(),
						"champion " + ConsoleFormat.number(championMape) + " " + championFigures.source() + " + margin "
								+ ConsoleFormat.number(gate.championMapeMargin())));
			}
			if (championCoverage != null) {
				checks.add(Check.atLeast("coverage_rate", coverage, championCoverage - gate.championCoverageMargin(),
						"champion " + ConsoleFormat.number(championCoverage) + " " + championFigures.source()
								+ " - margin " + ConsoleFormat.number(gate.championCoverageMargin())));
			}
		}
		if (gate.refuseNegativeLift()) {
			for (String side : List.of("buy", "sell")) {
				checks.add(Check.liftNotSignificantlyNegative(candidate, side + "_lift_pp_" + horizonDays + "d"));
			}
		}
		return new Decision(checks);
	}

	/**
	 * The champion's figures the candidate is compared with.
	 *
	 * @param metrics the champion's metrics
	 * @param source where they come from, as the gate's table shows it
	 */
	record ChampionFigures(Map<String, Double> metrics, String source) {

		/** Where figures re-scored on the candidate's holdout come from. */
		static final String SAME_HOLDOUT = "on this holdout";

		/** Where the champion's own stored figures come from. */
		static final String STORED = "stored, own holdout";

		/**
		 * The champion's figures on the candidate's holdout when training re-scored this
		 * champion, else the figures stored with it.
		 * @param candidate the candidate
		 * @param champion the champion, or {@code null}
		 * @return the figures, {@code null} without a champion
		 */
		static ChampionFigures of(ModelMetadata candidate, ModelMetadata champion) {
			if (champion == null) {
				return null;
			}
			ModelMetadata.ChampionScore rescored = candidate.championOnHoldout();
			if (rescored != null && rescored.modelVersion().equals(champion.modelVersion())) {
				return new ChampionFigures(rescored.metrics(), SAME_HOLDOUT);
			}
			return new ChampionFigures(champion.metrics(), STORED);
		}

	}

	/**
	 * One comparison of a candidate metric with a bound.
	 *
	 * @param metric the metric name
	 * @param value the candidate's value as shown
	 * @param condition what the value must meet, e.g. {@code <= 20}
	 * @param basis where the bound comes from ({@code limit}, or the champion and margin)
	 * @param passed whether the value meets the bound
	 * @param failure the sentence that says why the check failed
	 */
	record Check(String metric, String value, String condition, String basis, boolean passed, String failure) {

		private static final String MISSING = "<missing>";

		static Check atMost(String metric, Double value, double bound, String basis) {
			return compare(metric, value, "<=", bound, basis, value != null && value <= bound);
		}

		static Check atLeast(String metric, Double value, double bound, String basis) {
			return compare(metric, value, ">=", bound, basis, value != null && value >= bound);
		}

		private static Check compare(String metric, Double value, String operator, double bound, String basis,
				boolean passed) {
			String shown = (value != null) ? ConsoleFormat.number(value) : MISSING;
			String condition = operator + " " + ConsoleFormat.number(bound);
			// the reason (kept in the MLflow tag gate.reason) keeps the deciding digits
			// the
			// console table rounds away
			String reason = metric + " " + ((value != null) ? precise(value) : MISSING) + " is not " + operator + " "
					+ precise(bound) + " (" + basis + ")";
			return new Check(metric, shown, condition, basis, passed, reason);
		}

		/**
		 * The signals of one side must not do significantly worse than chance: the 95 %
		 * interval of their lift ({@code <metric>_low} .. {@code <metric>_high}) must not
		 * lie wholly below 0. Without signals there is no evidence, and the check passes.
		 * @param candidate the candidate's metrics
		 * @param metric the lift metric, e.g. {@code buy_lift_pp_7d}
		 * @return the check
		 */
		private static String precise(double value) {
			return Double.isFinite(value)
					? BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString()
					: String.valueOf(value);
		}

		static Check liftNotSignificantlyNegative(Map<String, Double> candidate, String metric) {
			Double lift = candidate.get(metric);
			Double low = candidate.get(metric + "_low");
			Double high = candidate.get(metric + "_high");
			if (lift == null || low == null || high == null) {
				return new Check(metric, "<none>", "CI high >= 0", "no signal with an outcome", true, "");
			}
			String shown = String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", lift, low, high);
			boolean passed = high >= 0;
			String basis = passed ? "95 % CI, pp" : "interval below 0";
			return new Check(metric, shown, "CI high >= 0", basis, passed,
					metric + " " + shown + " pp: the whole 95 % interval is below 0 (signals worse than chance)");
		}

		/**
		 * The check as table cells: outcome, metric, value, condition, basis.
		 * @return the cells
		 */
		List<String> cells() {
			return List.of(this.passed ? "PASS" : "FAIL", this.metric, this.value, this.condition,
					"(" + this.basis + ")");
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
			return this.checks.stream().filter((check) -> !check.passed()).map(Check::failure).toList();
		}

		String summary() {
			return passed() ? "passed" : "failed: " + String.join("; ", failures());
		}

	}

}
