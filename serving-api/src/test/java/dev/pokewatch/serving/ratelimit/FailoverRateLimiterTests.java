package dev.pokewatch.serving.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailoverRateLimiter}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailoverRateLimiterTests {

	private static final String FALLBACK_LINE = "Redis rate limiting at redis-test:6379 failed";

	private final ManualTime time = new ManualTime();

	private final SwitchableLimiter shared = new SwitchableLimiter();

	private final LocalRateLimiter local = new LocalRateLimiter(new RateLimitPolicy(60, 3), 100, this.time, this.time);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final FailoverRateLimiter limiter = new FailoverRateLimiter(this.shared, "redis-test:6379", this.local,
			Duration.ofSeconds(5), this.time::currentTimeNanos, this.meterRegistry);

	@Test
	void tryConsumeWhenSharedWorksShouldUseIt() {
		RateLimitDecision decision = this.limiter.tryConsume("key:a");
		assertThat(decision).isEqualTo(SwitchableLimiter.SHARED_DECISION);
		assertThat(this.shared.calls.get()).isEqualTo(1);
		assertThat(redisUp()).isEqualTo(1);
		assertThat(fallbacks()).isZero();
	}

	@Test
	void tryConsumeWhenSharedFailsShouldUseLocalLogOnceAndCount(CapturedOutput output) {
		this.shared.failing.set(true);
		for (int i = 0; i < 3; i++) {
			RateLimitDecision decision = this.limiter.tryConsume("key:a");
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).as("local bucket of 3").isEqualTo(2 - i);
		}
		assertThat(this.limiter.tryConsume("key:a").allowed()).as("local limit applies").isFalse();
		assertThat(this.shared.calls.get()).as("no Redis call per request while down").isEqualTo(1);
		assertThat(fallbacks()).isEqualTo(1);
		assertThat(redisUp()).isZero();
		assertThat(occurrences(output.getAll(), FALLBACK_LINE)).isEqualTo(1);
	}

	@Test
	void tryConsumeWhenDownShouldProbeAtMostOncePerInterval(CapturedOutput output) {
		this.shared.failing.set(true);
		this.limiter.tryConsume("key:a");
		this.time.advance(Duration.ofMillis(4_999));
		this.limiter.tryConsume("key:a");
		assertThat(this.shared.calls.get()).isEqualTo(1);
		this.time.advance(Duration.ofMillis(1));
		this.limiter.tryConsume("key:a");
		this.limiter.tryConsume("key:a");
		assertThat(this.shared.calls.get()).as("one probe after 5 s").isEqualTo(2);
		assertThat(this.limiter.isSharedUp()).isFalse();
		assertThat(fallbacks()).as("a failed probe is not a new fallback").isEqualTo(1);
		assertThat(occurrences(output.getAll(), FALLBACK_LINE)).isEqualTo(1);
	}

	@Test
	void tryConsumeWhenSharedComesBackShouldRecoverAfterProbe(CapturedOutput output) {
		this.shared.failing.set(true);
		this.limiter.tryConsume("key:a");
		this.shared.failing.set(false);
		assertThat(this.limiter.tryConsume("key:a").remaining()).as("still local before the probe").isEqualTo(1);
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.limiter.tryConsume("key:a")).isEqualTo(SwitchableLimiter.SHARED_DECISION);
		assertThat(this.limiter.isSharedUp()).isTrue();
		assertThat(redisUp()).isEqualTo(1);
		assertThat(output).contains("Redis rate limiting at redis-test:6379 is back");
		assertThat(this.limiter.tryConsume("key:a")).isEqualTo(SwitchableLimiter.SHARED_DECISION);
	}

	@Test
	void tryConsumeWhenSharedFailsAgainAfterRecoveryShouldCountASecondFallback(CapturedOutput output) {
		this.shared.failing.set(true);
		this.limiter.tryConsume("key:a");
		this.shared.failing.set(false);
		this.time.advance(Duration.ofSeconds(5));
		this.limiter.tryConsume("key:a");
		this.shared.failing.set(true);
		this.limiter.tryConsume("key:a");
		assertThat(fallbacks()).isEqualTo(2);
		assertThat(occurrences(output.getAll(), FALLBACK_LINE)).isEqualTo(2);
	}

	private double fallbacks() {
		return this.meterRegistry.get("pokewatch.ratelimit.redis.fallback").counter().count();
	}

	private double redisUp() {
		return this.meterRegistry.get("pokewatch.ratelimit.redis.up").gauge().value();
	}

	static int occurrences(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * A shared limiter that fails like an unreachable Redis on demand.
	 */
	private static final class SwitchableLimiter implements RateLimiter {

		static final RateLimitDecision SHARED_DECISION = new RateLimitDecision(true, 3, 42, 0, 0);

		final AtomicBoolean failing = new AtomicBoolean();

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public RateLimitDecision tryConsume(String bucketKey) {
			this.calls.incrementAndGet();
			if (this.failing.get()) {
				throw new RedisConnectionException("Unable to connect to redis-test:6379");
			}
			return SHARED_DECISION;
		}

	}

}
