package dev.pokewatch.common.metrics;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SignalEvidence}.
 */
class SignalEvidenceTests {

	@Test
	void liftWhenSevenHitsOfTenAgainstBaseFortyPercentShouldBeThirtyPointsWithWilsonInterval() {
		SignalEvidence buy = new SignalEvidence(Signal.BUY, 10, 7, 0.4);
		assertThat(buy.hitRate()).hasValue(0.7);
		assertThat(buy.liftPp().getAsDouble()).isCloseTo(30.0, within(1e-9));
		// Wilson [0.3968, 0.8922] minus 0.40
		ConfidenceInterval lift = buy.liftPpInterval().orElseThrow();
		assertThat(lift.low()).isCloseTo(-0.32, within(0.01));
		assertThat(lift.high()).isCloseTo(49.22, within(0.01));
		assertThat(buy.significantlyNegative()).isFalse();
	}

	@Test
	void significantlyNegativeWhenWholeIntervalBelowZeroShouldBeTrue() {
		// 1 of 20: Wilson [0.0089, 0.2361]; base 0.76 -> lift [-75.1, -52.4] pp
		SignalEvidence sell = new SignalEvidence(Signal.SELL, 20, 1, 0.76);
		ConfidenceInterval lift = sell.liftPpInterval().orElseThrow();
		assertThat(lift.low()).isCloseTo(-75.11, within(0.01));
		assertThat(lift.high()).isCloseTo(-52.39, within(0.01));
		assertThat(sell.significantlyNegative()).isTrue();
	}

	@Test
	void toMapWhenNoSignalsShouldHoldOnlyTheCount() {
		SignalEvidence none = new SignalEvidence(Signal.SELL, 0, 0, 0.5);
		assertThat(none.hitRate()).isEmpty();
		assertThat(none.liftPpInterval()).isEmpty();
		assertThat(none.significantlyNegative()).isFalse();
		assertThat(none.toMap(7)).containsExactly(entry("sell_signals_7d", 0.0));
	}

	@Test
	void toMapWhenNoBaseRateShouldLeaveOutTheLift() {
		SignalEvidence buy = new SignalEvidence(Signal.BUY, 4, 2, Double.NaN);
		assertThat(buy.toMap(7)).containsOnlyKeys("buy_signals_7d", "buy_hit_rate_7d_low", "buy_hit_rate_7d_high");
	}

	@Test
	void toMapWhenSignalsShouldNameEveryValueWithSideAndHorizon() {
		assertThat(new SignalEvidence(Signal.BUY, 10, 7, 0.4).toMap(7)).containsOnlyKeys("buy_signals_7d",
				"buy_hit_rate_7d_low", "buy_hit_rate_7d_high", "buy_lift_pp_7d", "buy_lift_pp_7d_low",
				"buy_lift_pp_7d_high");
	}

	@Test
	void constructorWhenHoldOrTooManyHitsShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalEvidence(Signal.HOLD, 1, 0, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalEvidence(Signal.BUY, 1, 2, 0.5));
	}

}
