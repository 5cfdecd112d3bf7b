package dev.pokewatch.serving.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The shape of every bucket: capacity {@code burst}, refilled greedily with
 * {@code requestsPerMinute} tokens per minute (one token every {@code 60/rpm} seconds),
 * starting full. A client can send {@code burst} requests at once and then
 * {@code requestsPerMinute} per minute on average; over any window of {@code t} minutes
 * it gets at most {@code burst + rpm * t} requests.
 *
 * @param requestsPerMinute refill rate in tokens per minute
 * @param burst capacity
 */
public record RateLimitPolicy(long requestsPerMinute, long burst) {

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	public RateLimitPolicy {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException("'requestsPerMinute' must be at least 1");
		}
		if (burst < 1) {
			throw new IllegalArgumentException("'burst' must be at least 1");
		}
	}

	/**
	 * The Bucket4j configuration of this policy.
	 * @return the configuration
	 */
	public BucketConfiguration configuration() {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(this.burst).refillGreedy(this.requestsPerMinute, Duration.ofMinutes(1)))
			.build();
	}

	/**
	 * How long an empty bucket takes to become full; an idle bucket older than this is
	 * indistinguishable from a new one.
	 * @return the refill time, rounded up to whole seconds
	 */
	public Duration timeToFull() {
		return Duration.ofSeconds(Math.ceilDiv(this.burst * 60, this.requestsPerMinute));
	}

	/**
	 * Turn a consumption result into response headers.
	 * @param probe the result of consuming one token
	 * @param nowEpochMillis wall-clock time of the request
	 * @return the decision
	 */
	public RateLimitDecision decide(ConsumptionProbe probe, long nowEpochMillis) {
		long resetMillis = nowEpochMillis + Math.ceilDiv(Math.max(0, probe.getNanosToWaitForReset()), NANOS_PER_MILLI);
		long resetEpochSeconds = Math.ceilDiv(resetMillis, 1000L);
		if (probe.isConsumed()) {
			return new RateLimitDecision(true, this.burst, probe.getRemainingTokens(), resetEpochSeconds, 0);
		}
		long retryAfter = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), NANOS_PER_SECOND));
		return new RateLimitDecision(false, this.burst, Math.max(0, probe.getRemainingTokens()), resetEpochSeconds,
				retryAfter);
	}

}
