package dev.pokewatch.serving.ratelimit;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Buckets in this JVM, in a size-bounded cache that drops buckets idle for longer than
 * they take to refill (such a bucket is full, so dropping it changes nothing).
 */
final class LocalRateLimiter implements RateLimiter {

	private final RateLimitPolicy policy;

	private final TimeMeter time;

	private final Clock clock;

	private final Cache<String, Bucket> buckets;

	LocalRateLimiter(RateLimitPolicy policy, long maxBuckets, TimeMeter time, Clock clock) {
		this.policy = policy;
		this.time = time;
		this.clock = clock;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.expireAfterAccess(policy.timeToFull())
			.ticker(time::currentTimeNanos)
			.build();
	}

	@Override
	public RateLimitDecision tryConsume(String bucketKey) {
		Bucket bucket = this.buckets.get(bucketKey, (key) -> newBucket());
		return this.policy.decide(bucket.tryConsumeAndReturnRemaining(1), this.clock.millis());
	}

	long bucketCount() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(this.policy.configuration().getBandwidths()[0])
			.withCustomTimePrecision(this.time)
			.build();
	}

}
