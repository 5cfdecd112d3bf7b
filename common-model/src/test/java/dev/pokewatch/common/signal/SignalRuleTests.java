package dev.pokewatch.common.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SignalRule}.
 */
class SignalRuleTests {

	private final SignalRule rule = new SignalRule(0.10, 0.15, 2.0);

	@Test
	void signalWhenMarketPriceAtTheMinimumShouldFollowTheThresholds() {
		// fair 2.50: 2.00 is -20 %, 2.00 vs fair 1.60 is +25 %
		assertThat(this.rule.signal(2.0, 2.5)).isEqualTo(Signal.BUY);
		assertThat(this.rule.signal(2.0, 1.6)).isEqualTo(Signal.SELL);
		assertThat(this.rule.signal(2.0, 2.0)).isEqualTo(Signal.HOLD);
	}

	@Test
	void signalWhenMarketPriceBelowTheMinimumShouldHold() {
		assertThat(this.rule.signal(1.99, 2.5)).isEqualTo(Signal.HOLD);
		assertThat(this.rule.signal(1.99, 1.0)).isEqualTo(Signal.HOLD);
		assertThat(this.rule.classify(-0.5, 0.5)).isEqualTo(Signal.HOLD);
	}

	@Test
	void signalWhenNoMinimumShouldSignalCheapCards() {
		SignalRule noLimit = new SignalRule(0.10, 0.15, 0.0);
		assertThat(noLimit.signal(0.5, 1.0)).isEqualTo(Signal.BUY);
		assertThat(noLimit.classify(0.15, 0.01)).isEqualTo(Signal.SELL);
	}

	@Test
	void constructorWhenMinimumNegativeOrNotFiniteShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalRule(0.10, 0.15, -1))
			.withMessageContaining("'minSignalPrice'");
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalRule(0.10, 0.15, Double.NaN));
	}

	@Test
	void defaultShouldUseTheOlderThresholdsAndTwoDollars() {
		assertThat(SignalRule.DEFAULT).isEqualTo(new SignalRule(0.10, 0.15, SignalRule.DEFAULT_MIN_SIGNAL_PRICE));
		assertThat(SignalRule.DEFAULT_MIN_SIGNAL_PRICE).isEqualTo(2.0);
	}

}
