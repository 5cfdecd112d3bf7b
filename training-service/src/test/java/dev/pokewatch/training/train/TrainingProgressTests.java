package dev.pokewatch.training.train;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.metrics.SignalEvidence;
import dev.pokewatch.common.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrainingProgress}.
 */
class TrainingProgressTests {

	@Test
	void evidenceWhenSignalsShouldShowHitRateBaseRateAndLiftInterval() {
		// 7 of 10: Wilson [0.3968, 0.8922] minus base 0.40
		assertThat(TrainingProgress.evidence(new SignalEvidence(Signal.BUY, 10, 7, 0.4), 7))
			.isEqualTo("BUY 10 signal(s): hit 70.0 % vs base 40.0 %, lift +30.0 pp [95 % CI -0.3, +49.2]");
	}

	@Test
	void evidenceWhenNoSignalsShouldSaySo() {
		assertThat(TrainingProgress.evidence(new SignalEvidence(Signal.SELL, 0, 0, 0.76), 7))
			.isEqualTo("no SELL signal with a 7-day outcome on the holdout");
	}

}
