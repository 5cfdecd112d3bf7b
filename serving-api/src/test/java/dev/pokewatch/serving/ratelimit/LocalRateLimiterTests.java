package dev.pokewatch.serving.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalRateLimiter} and the bucket math of {@link RateLimitPolicy}.
 */
class LocalRateLimiterTests {

	private final ManualTime time = new ManualTime();

	@Test
	void tryConsumeWhenFullBucketShouldAllowBurstThenReject() {
		LocalRateLimiter limiter = limiter(60, 10);
		for (int i = 1; i <= 10; i++) {
			RateLimitDecision decision = limiter.tryConsume("key:a");
			assertThat(decision.allowed()).as("request %d", i).isTrue();
			assertThat(decision.limit()).isEqualTo(10);
			assertThat(decision.remaining()).isEqualTo(10 - i);
		}
		RateLimitDecision rejected = limiter.tryConsume("key:a");
		assertThat(rejected.allowed()).isFalse();
		assertThat(rejected.remaining()).isZero();
		assertThat(rejected.retryAfterSeconds()).as("60 rpm refills one token per second").isEqualTo(1);
	}

	@Test
	void tryConsumeWhenDifferentKeysShouldUseSeparateBuckets() {
		LocalRateLimiter limiter = limiter(60, 1);
		assertThat(limiter.tryConsume("key:a").allowed()).isTrue();
		assertThat(limiter.tryConsume("key:a").allowed()).isFalse();
		assertThat(limiter.tryConsume("key:b").allowed()).isTrue();
	}

	@Test
	void tryConsumeWhenTimePassesShouldRefillGreedilyOneTokenAtATime() {
		LocalRateLimiter limiter = limiter(60, 10);
		drain(limiter, "key:a", 10);
		this.time.advance(Duration.ofMillis(999));
		assertThat(limiter.tryConsume("key:a").allowed()).isFalse();
		this.time.advance(Duration.ofMillis(1));
		assertThat(limiter.tryConsume("key:a").allowed()).isTrue();
		assertThat(limiter.tryConsume("key:a").allowed()).isFalse();
		this.time.advance(Duration.ofSeconds(3));
		assertThat(limiter.tryConsume("key:a").remaining()).isEqualTo(2);
	}

	@Test
	void tryConsumeWhenIdleLongerThanRefillShouldNeverExceedBurst() {
		LocalRateLimiter limiter = limiter(60, 10);
		drain(limiter, "key:a", 1);
		this.time.advance(Duration.ofHours(1));
		assertThat(limiter.tryConsume("key:a").remaining()).isEqualTo(9);
	}

	@Test
	void tryConsumeWhenSlowRefillShouldGiveRetryAfterOfTheRefillPeriod() {
		// 6 per minute = one token every 10 s
		LocalRateLimiter limiter = limiter(6, 2);
		drain(limiter, "key:a", 2);
		assertThat(limiter.tryConsume("key:a").retryAfterSeconds()).isEqualTo(10);
		this.time.advance(Duration.ofMillis(9_100));
		assertThat(limiter.tryConsume("key:a").retryAfterSeconds()).as("rounded up, never 0").isEqualTo(1);
	}

	@Test
	void tryConsumeShouldReportResetAsTheEpochSecondWhenTheBucketIsFullAgain() {
		LocalRateLimiter limiter = limiter(60, 10);
		long start = this.time.epochSecond();
		assertThat(limiter.tryConsume("key:a").resetEpochSeconds()).isEqualTo(start + 1);
		drain(limiter, "key:a", 9);
		assertThat(limiter.tryConsume("key:a").resetEpochSeconds()).as("rejected, 10 tokens missing")
			.isEqualTo(start + 10);
		this.time.advance(Duration.ofMillis(2_500));
		RateLimitDecision decision = limiter.tryConsume("key:a");
		assertThat(decision.allowed()).isTrue();
		// 2.5 tokens refilled minus this request leaves 1.5; 8.5 more take 8.5 s: full at
		// 11 s.
		assertThat(decision.remaining()).isEqualTo(1);
		assertThat(decision.resetEpochSeconds()).isEqualTo(start + 11);
	}

	@Test
	void bucketCountWhenBucketsIdleLongerThanRefillShouldDropThem() {
		LocalRateLimiter limiter = limiter(60, 10);
		limiter.tryConsume("key:a");
		limiter.tryConsume("key:b");
		assertThat(limiter.bucketCount()).isEqualTo(2);
		this.time.advance(Duration.ofSeconds(11));
		assertThat(limiter.bucketCount()).isZero();
	}

	@Test
	void bucketCountWhenManyClientsShouldStayBounded() {
		LocalRateLimiter limiter = new LocalRateLimiter(new RateLimitPolicy(60, 10), 50, this.time, this.time);
		for (int i = 0; i < 1_000; i++) {
			limiter.tryConsume("addr:10.0." + (i / 256) + "." + (i % 256));
		}
		assertThat(limiter.bucketCount()).isLessThanOrEqualTo(50);
	}

	@Test
	void timeToFullShouldBeBurstOverRateRoundedUp() {
		assertThat(new RateLimitPolicy(60, 10).timeToFull()).isEqualTo(Duration.ofSeconds(10));
		assertThat(new RateLimitPolicy(7, 1).timeToFull()).isEqualTo(Duration.ofSeconds(9));
		assertThat(new RateLimitPolicy(1, 5).timeToFull()).isEqualTo(Duration.ofMinutes(5));
	}

	private LocalRateLimiter limiter(long rpm, long burst) {
		return new LocalRateLimiter(new RateLimitPolicy(rpm, burst), 1_000, this.time, this.time);
	}

	private static void drain(LocalRateLimiter limiter, String key, int count) {
		for (int i = 0; i < count; i++) {
			assertThat(limiter.tryConsume(key).allowed()).isTrue();
		}
	}

}
