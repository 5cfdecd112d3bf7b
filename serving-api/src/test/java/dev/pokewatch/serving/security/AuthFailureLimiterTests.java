package dev.pokewatch.serving.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthFailureLimiter}.
 */
class AuthFailureLimiterTests {

	private final ManualTimeMeter time = new ManualTimeMeter();

	private final AuthFailureLimiter limiter = new AuthFailureLimiter(10, 1000, this.time);

	@Test
	void recordFailureWhenTenthFailureShouldBlockTheAddress() {
		for (int i = 1; i <= 9; i++) {
			assertThat(this.limiter.recordFailure("10.0.0.1")).as("failure %d", i).isFalse();
			assertThat(this.limiter.blockedForSeconds("10.0.0.1")).isZero();
		}
		assertThat(this.limiter.recordFailure("10.0.0.1")).isTrue();
		// 10 per minute refills one failure every 6 s.
		assertThat(this.limiter.blockedForSeconds("10.0.0.1")).isEqualTo(6);
		assertThat(this.limiter.blockedForSeconds("10.0.0.2")).as("other addresses").isZero();
	}

	@Test
	void blockedForSecondsWhenTimePassesShouldUnblockGradually() {
		for (int i = 0; i < 10; i++) {
			this.limiter.recordFailure("10.0.0.1");
		}
		this.time.advance(Duration.ofMillis(5_500));
		assertThat(this.limiter.blockedForSeconds("10.0.0.1")).isEqualTo(1);
		this.time.advance(Duration.ofMillis(500));
		assertThat(this.limiter.blockedForSeconds("10.0.0.1")).isZero();
		assertThat(this.limiter.recordFailure("10.0.0.1")).as("one allowance came back and is used").isTrue();
	}

	@Test
	void blockedForSecondsWhenAddressNeverFailedShouldBeZero() {
		assertThat(this.limiter.blockedForSeconds("192.0.2.7")).isZero();
	}

}
