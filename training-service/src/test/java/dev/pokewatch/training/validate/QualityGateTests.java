package dev.pokewatch.training.validate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pokewatch.training.params.TrainingParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QualityGate}.
 */
class QualityGateTests {

	private static final TrainingParams.Gate GATE = new TrainingParams.Gate(20.0, 0.80, 0.5, 0.05);

	@Test
	void evaluateWhenWithinLimitsAndNoChampionShouldPass() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 20.0, "coverage_rate", 0.80), null, GATE);
		assertThat(decision.passed()).isTrue();
		assertThat(decision.checks()).hasSize(2).allMatch(QualityGate.Check::passed);
		assertThat(decision.checks().get(0).cells()).containsExactly("PASS", "mape", "20", "<= 20", "(limit)");
	}

	@Test
	void evaluateWhenAboveMapeOrBelowCoverageShouldFailNamingBoth() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 20.01, "coverage_rate", 0.79), null, GATE);
		assertThat(decision.passed()).isFalse();
		assertThat(decision.failures()).hasSize(2);
		assertThat(decision.summary()).contains("mape 20.01 is not <= 20").contains("coverage_rate 0.79 is not >= 0.8");
	}

	@Test
	void evaluateWhenJustBelowLimitShouldNameTheDecidingDigits() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("mape", 1.0, "coverage_rate", 0.7996), null, GATE);
		assertThat(decision.passed()).isFalse();
		// the console table rounds to 0.8; the reason (kept in MLflow) must not
		assertThat(decision.summary()).contains("coverage_rate 0.7996 is not >= 0.8");
	}

	@Test
	void evaluateWhenWorseThanChampionBeyondMarginShouldFail() {
		Map<String, Double> champion = Map.of("mape", 1.0, "coverage_rate", 0.99);
		assertThat(QualityGate.evaluate(Map.of("mape", 1.5, "coverage_rate", 0.94), champion, GATE).passed()).isTrue();
		QualityGate.Decision worse = QualityGate.evaluate(Map.of("mape", 1.51, "coverage_rate", 0.93), champion, GATE);
		assertThat(worse.passed()).isFalse();
		assertThat(worse.failures()).hasSize(2).allMatch((f) -> f.contains("champion"));
	}

	@Test
	void evaluateWhenMetricMissingShouldFail() {
		QualityGate.Decision decision = QualityGate.evaluate(Map.of("coverage_rate", 1.0), Map.of(), GATE);
		assertThat(decision.passed()).isFalse();
		assertThat(decision.summary()).contains("<missing>");
	}

}
