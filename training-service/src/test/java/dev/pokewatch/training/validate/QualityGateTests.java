package dev.pokewatch.training.validate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QualityGate}.
 */
class QualityGateTests {

	private static final TrainingParams.Gate GATE = new TrainingParams.Gate(20.0, 0.80, 0.5, 0.05, true);

	@Test
	void evaluateWhenWithinLimitsAndNoChampionShouldPass() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 20.0, "coverage_rate", 0.80), null, GATE,
				7);
		assertThat(decision.passed()).isTrue();
		assertThat(decision.checks()).hasSize(4).allMatch(QualityGate.Check::passed);
		assertThat(decision.checks().get(0).cells()).containsExactly("PASS", "mape", "20", "<= 20", "(limit)");
	}

	@Test
	void evaluateWhenAboveMapeOrBelowCoverageShouldFailNamingBoth() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 20.01, "coverage_rate", 0.79), null, GATE,
				7);
		assertThat(decision.passed()).isFalse();
		assertThat(decision.failures()).hasSize(2);
		assertThat(decision.summary()).contains("mape 20.01 is not <= 20").contains("coverage_rate 0.79 is not >= 0.8");
	}

	@Test
	void evaluateWhenJustBelowLimitShouldNameTheDecidingDigits() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 1.0, "coverage_rate", 0.7996), null, GATE,
				7);
		assertThat(decision.passed()).isFalse();
		// the console table rounds to 0.8; the reason (kept in MLflow) must not
		assertThat(decision.summary()).contains("coverage_rate 0.7996 is not >= 0.8");
	}

	@Test
	void evaluateWhenWorseThanChampionBeyondMarginShouldFail() {
		QualityGate.ChampionFigures champion = stored(Map.of("mape", 1.0, "coverage_rate", 0.99));
		assertThat(QualityGate.evaluate(Map.of("mape", 1.5, "coverage_rate", 0.94), champion, GATE, 7).passed())
			.isTrue();
		QualityGate.Decision worse = QualityGate.evaluate(Map.of("mape", 1.51, "coverage_rate", 0.93), champion, GATE,
				7);
		assertThat(worse.passed()).isFalse();
		assertThat(worse.failures()).hasSize(2).allMatch((f) -> f.contains("champion"));
	}

	@Test
	void evaluateWhenBothReportTheHorizonErrorShouldCompareThatWithTheChampion() {
		QualityGate.ChampionFigures champion = stored(
				Map.of("mape", 0.5, "horizon_mape_7d", 3.0, "coverage_rate", 0.99));
		// same-day error far worse (a momentum rule), the 7-day forecast better: passes
		QualityGate.Decision momentum = QualityGate
			.evaluate(Map.of("mape", 2.2, "horizon_mape_7d", 2.9, "coverage_rate", 0.99), champion, GATE, 7);
		assertThat(momentum.passed()).isTrue();
		assertThat(momentum.checks()).extracting(QualityGate.Check::metric).contains("horizon_mape_7d");
		QualityGate.Decision worse = QualityGate
			.evaluate(Map.of("mape", 0.5, "horizon_mape_7d", 3.51, "coverage_rate", 0.99), champion, GATE, 7);
		assertThat(worse.failures()).singleElement().asString().contains("horizon_mape_7d 3.51 is not <= 3.5");
		// a champion trained before the horizon error existed: the same-day error is
		// compared
		QualityGate.Decision older = QualityGate.evaluate(
				Map.of("mape", 2.2, "horizon_mape_7d", 2.9, "coverage_rate", 0.99),
				stored(Map.of("mape", 0.5, "coverage_rate", 0.99)), GATE, 7);
		assertThat(older.failures()).singleElement().asString().startsWith("mape 2.2 is not <= 1");
	}

	@Test
	void evaluateWhenMetricMissingShouldFail() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("coverage_rate", 1.0), stored(Map.of()), GATE, 7);
		assertThat(decision.passed()).isFalse();
		assertThat(decision.summary()).contains("<missing>");
	}

	@Test
	void evaluateWhenNaiveMapeKnownShouldShowItNextToTheMapeLimit() {
		QualityGate.Decision decision = QualityGate
			.evaluate(Map.of("mape", 0.61, "naive_mape", 0.4, "coverage_rate", 1.0), null, GATE, 7);
		assertThat(decision.checks().get(0).cells()).containsExactly("PASS", "mape", "0.61", "<= 20",
				"(limit; naive 0.4)");
	}

	@Test
	void evaluateWhenLiftIntervalWhollyBelowZeroShouldFail() {
		Map<String, Double> candidate = Map.of("mape", 1.0, "coverage_rate", 1.0, "sell_lift_pp_7d", -63.7,
				"sell_lift_pp_7d_low", -75.1, "sell_lift_pp_7d_high", -52.4);
		QualityGate.Decision decision = QualityGate.evaluate(candidate, null, GATE, 7);
		assertThat(decision.passed()).isFalse();
		assertThat(decision.checks()).filteredOn((check) -> !check.passed())
			.singleElement()
			.extracting(QualityGate.Check::cells)
			.isEqualTo(
					List.of("FAIL", "sell_lift_pp_7d", "-63.7 [-75.1, -52.4]", "CI high >= 0", "(interval below 0)"));
		assertThat(decision.summary()).contains("sell_lift_pp_7d").contains("below 0");
	}

	@Test
	void evaluateWhenLiftIntervalSpansZeroShouldPass() {
		Map<String, Double> candidate = Map.of("mape", 1.0, "coverage_rate", 1.0, "buy_lift_pp_7d", 30.0,
				"buy_lift_pp_7d_low", -0.3, "buy_lift_pp_7d_high", 49.2, "sell_lift_pp_7d", -20.0,
				"sell_lift_pp_7d_low", -45.0, "sell_lift_pp_7d_high", 0.0);
		assertThat(QualityGate.evaluate(candidate, null, GATE, 7).passed()).isTrue();
	}

	@Test
	void evaluateWhenLiftCheckDisabledShouldIgnoreNegativeLift() {
		TrainingParams.Gate lenient = new TrainingParams.Gate(20.0, 0.80, 0.5, 0.05, false);
		Map<String, Double> candidate = Map.of("mape", 1.0, "coverage_rate", 1.0, "sell_lift_pp_7d", -63.7,
				"sell_lift_pp_7d_low", -75.1, "sell_lift_pp_7d_high", -52.4);
		QualityGate.Decision decision = QualityGate.evaluate(candidate, null, lenient, 7);
		assertThat(decision.passed()).isTrue();
		assertThat(decision.checks()).hasSize(2);
	}

	@Test
	void championFiguresWhenTrainingRescoredThisChampionShouldUseTheSameHoldout() {
		ModelMetadata champion = metadata("champion-v1", Map.of("horizon_mape_7d", 1.0), null);
		ModelMetadata candidate = metadata("candidate", Map.of("horizon_mape_7d", 4.0),
				new ModelMetadata.ChampionScore("champion-v1", "sma_7_pct_10_15", Map.of("horizon_mape_7d", 5.0)));

		QualityGate.ChampionFigures figures = QualityGate.ChampionFigures.of(candidate, champion);

		assertThat(figures.source()).isEqualTo(QualityGate.ChampionFigures.SAME_HOLDOUT);
		assertThat(figures.metrics()).containsEntry("horizon_mape_7d", 5.0);
		// against its stored 1.0 the candidate would fail; on the same days it is better
		QualityGate.Decision decision = QualityGate
			.evaluate(Map.of("mape", 2.0, "horizon_mape_7d", 4.0, "coverage_rate", 0.9), figures, GATE, 7);
		assertThat(decision.checks()).filteredOn((check) -> check.metric().equals("horizon_mape_7d"))
			.singleElement()
			.satisfies((check) -> assertThat(check.passed()).isTrue())
			.satisfies((check) -> assertThat(check.basis()).contains("on this holdout"));
	}

	@Test
	void championFiguresWhenAnotherChampionWasRescoredShouldUseTheStoredFigures() {
		// the champion changed between train and validate: the re-score is of another
		// model
		ModelMetadata champion = metadata("champion-v2", Map.of("horizon_mape_7d", 1.0), null);
		ModelMetadata candidate = metadata("candidate", Map.of("horizon_mape_7d", 4.0),
				new ModelMetadata.ChampionScore("champion-v1", "sma_7_pct_10_15", Map.of("horizon_mape_7d", 5.0)));

		QualityGate.ChampionFigures figures = QualityGate.ChampionFigures.of(candidate, champion);

		assertThat(figures.source()).isEqualTo(QualityGate.ChampionFigures.STORED);
		assertThat(figures.metrics()).containsEntry("horizon_mape_7d", 1.0);
		assertThat(QualityGate.ChampionFigures.of(candidate, null)).isNull();
	}

	private static QualityGate.ChampionFigures stored(Map<String, Double> metrics) {
		return new QualityGate.ChampionFigures(metrics, QualityGate.ChampionFigures.STORED);
	}

	private static ModelMetadata metadata(String version, Map<String, Double> metrics,
			ModelMetadata.ChampionScore championOnHoldout) {
		return new ModelMetadata("sma", 7, "2026-01-01T00:00:00Z", null, null, "p", 1, metrics,
				ModelMetadata.Thresholds.of(SignalRule.DEFAULT), version, "0".repeat(64), null, 1, null, 7,
				championOnHoldout);
	}

}
