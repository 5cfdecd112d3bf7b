package dev.pokewatch.serving.ratelimit;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitPolicy}: for any request timing, the documented bound
 * {@code burst + rpm * t} and the header invariants hold.
 */
class RateLimitPolicyPropertyTests {

	@Property(tries = 200)
	void tryConsumeWhenAnyTimingShouldNeverAllowMoreThanBurstPlusRefill(@ForAll @IntRange(min = 1, max = 600) int rpm,
			@ForAll @IntRange(min = 1, max = 50) int burst,
			@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 3_000) Integer> gapsMillis) {
		ManualTime time = new ManualTime();
		LocalRateLimiter limiter = new LocalRateLimiter(new RateLimitPolicy(rpm, burst), 10, time, time);
		long elapsedMillis = 0;
		long allowed = 0;
		for (int gap : gapsMillis) {
			time.advance(Duration.ofMillis(gap));
			elapsedMillis += gap;
			RateLimitDecision decision = limiter.tryConsume("key:k");
			assertThat(decision.limit()).isEqualTo(burst);
			assertThat(decision.remaining()).isBetween(0L, (long) burst - (decision.allowed() ? 1 : 0));
			assertThat(decision.resetEpochSeconds()).isGreaterThanOrEqualTo(time.epochSecond());
			if (decision.allowed()) {
				allowed++;
				assertThat(decision.retryAfterSeconds()).isZero();
			}
			else {
				assertThat(decision.retryAfterSeconds()).isBetween(1L, (long) Math.ceil(60.0 / rpm));
			}
		}
		double refilled = rpm * elapsedMillis / 60_000.0;
		assertThat((double) allowed).isLessThanOrEqualTo(burst + refilled);
	}

}
