package dev.pokewatch.serving.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate-limit settings bound from {@code serving.rate-limit.*}.
 *
 * @param requestsPerMinute tokens added per minute, spread evenly
 * ({@code RATE_LIMIT_RPM})
 * @param burst bucket capacity: requests allowed at once from a full bucket
 * ({@code RATE_LIMIT_BURST})
 * @param redisUrl Redis URL to share buckets between replicas ({@code REDIS_URL}); empty
 * keeps buckets in memory
 * @param redisTimeout connect and command timeout for Redis; past it the request is
 * served from local buckets
 * @param redisProbeInterval how often, at most, Redis is retried while it is down
 * @param maxLocalBuckets local buckets kept before the least recently used are dropped
 */
@Validated
@ConfigurationProperties("serving.rate-limit")
public record RateLimitProperties(@DefaultValue("60") @Min(1) long requestsPerMinute,
		@DefaultValue("10") @Min(1) long burst, @DefaultValue("") String redisUrl,
		@DefaultValue("200ms") Duration redisTimeout, @DefaultValue("5s") Duration redisProbeInterval,
		@DefaultValue("100000") @Min(1) long maxLocalBuckets) {

	/**
	 * Whether buckets are shared through Redis.
	 * @return {@code true} if a Redis URL is configured
	 */
	public boolean redisEnabled() {
		return this.redisUrl != null && !this.redisUrl.isBlank();
	}

	/**
	 * The bucket shape.
	 * @return the policy
	 */
	public RateLimitPolicy policy() {
		return new RateLimitPolicy(this.requestsPerMinute, this.burst);
	}

	/**
	 * Keeps a password in the Redis URL out of anything that prints this record.
	 */
	@Override
	public String toString() {
		return "RateLimitProperties[requestsPerMinute=" + this.requestsPerMinute + ", burst=" + this.burst
				+ ", redisUrl=" + (redisEnabled() ? "<set>" : "<none>") + ", redisTimeout=" + this.redisTimeout
				+ ", redisProbeInterval=" + this.redisProbeInterval + ", maxLocalBuckets=" + this.maxLocalBuckets + "]";
	}

}
