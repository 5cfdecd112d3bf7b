package dev.pokewatch.common.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

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
		assertThat(this.rule.signal(0.5, 1.0)).isEqualTo(Signal.HOLD);
	}

	@Test
	void signalWhenNoMinimumShouldSignalCheapCards() {
		SignalRule noLimit = new SignalRule(0.10, 0.15, 0.0);
		assertThat(noLimit.signal(0.5, 1.0)).isEqualTo(Signal.BUY);
		assertThat(noLimit.signal(0.012, 0.01)).isEqualTo(Signal.SELL);
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

	@Test
	void strengthShouldBeTheLogMoveToFairInDispersionUnits() {
		// fair 10 % above market with a 5 % dispersion: ln(1.1) / 0.05 = 1.906
		assertThat(SignalRule.strength(100, 110, 0.05)).isCloseTo(Math.log(1.1) / 0.05, within(1e-12));
		assertThat(SignalRule.strength(110, 100, 0.05)).isCloseTo(-Math.log(1.1) / 0.05, within(1e-12));
		assertThat(SignalRule.strength(100, 110, Double.NaN)).isNaN();
		assertThat(SignalRule.strength(100, 110, 0)).isNaN();
	}

	@Test
	void signalWhenDispersionRuleShouldCompareTheStrengthWithItsThresholds() {
		SignalRule z2 = SignalRule.dispersion(2.0, 5.0);
		double dispersion = 0.05;
		// strength exactly 2 (inclusive) and just below it
		assertThat(z2.signal(100, 100 * Math.exp(0.10), dispersion)).isEqualTo(Signal.BUY);
		assertThat(z2.signal(100, 100 * Math.exp(0.0999), dispersion)).isEqualTo(Signal.HOLD);
		assertThat(z2.signal(100, 100 * Math.exp(-0.10), dispersion)).isEqualTo(Signal.SELL);
		assertThat(z2.signal(100, 100 * Math.exp(-0.0999), dispersion)).isEqualTo(Signal.HOLD);
		// the same 10 % gap on a jumpier card is only strength 1
		assertThat(z2.signal(100, 100 * Math.exp(0.10), 0.10)).isEqualTo(Signal.HOLD);
		// unknown dispersion, or a card under the minimum price: no signal
		assertThat(z2.signal(100, 200, Double.NaN)).isEqualTo(Signal.HOLD);
		assertThat(z2.signal(4.99, 10, dispersion)).isEqualTo(Signal.HOLD);
	}

	@Test
	void dispersionRuleShouldAcceptThresholdsAboveOneAndNamedById() {
		SignalRule rule = new SignalRule(SignalUnit.DISPERSION, 2.5, 1.5, 0);
		assertThat(rule.id()).isEqualTo("z_2.5_1.5");
		assertThat(SignalRule.dispersion(2.0, 0).id()).isEqualTo("z_2.0");
		assertThat(this.rule.id()).isEqualTo("pct_10_15");
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalRule(SignalUnit.DISPERSION, 0, 1, 0))
			.withMessageContaining("'buyThreshold'");
		assertThatIllegalArgumentException().isThrownBy(() -> new SignalRule(SignalUnit.PERCENT, 1.5, 0.1, 0))
			.withMessageContaining("(0, 1)");
	}

}
