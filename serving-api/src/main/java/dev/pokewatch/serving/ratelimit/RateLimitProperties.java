package dev.pokewatch.serving.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate-limit settings bound from {@code serving.rate-limit.*}. Buckets are shared through
 * Redis when {@code REDIS_URL} ({@code spring.data.redis.url}) is set, else kept in
 * memory.
 *
 * @param requestsPerMinute tokens added per minute, spread evenly
 * ({@code RATE_LIMIT_RPM})
 * @param burst bucket capacity: requests allowed at once from a full bucket
 * ({@code RATE_LIMIT_BURST})
 * @param redisTimeout longest wait for Redis on one request; past it the request is
 * served from local buckets
 * @param redisProbeInterval how often, at most, Redis is retried while it is down
 * @param maxLocalBuckets local buckets kept before the least recently used are dropped
 */
@Validated
@ConfigurationProperties("serving.rate-limit")
public record RateLimitProperties(@DefaultValue("60") @Min(1) long requestsPerMinute,
		@DefaultValue("10") @Min(1) long burst, @DefaultValue("200ms") Duration redisTimeout,
		@DefaultValue("5s") Duration redisProbeInterval, @DefaultValue("100000") @Min(1) long maxLocalBuckets) {

	/**
	 * The bucket shape.
	 * @return the policy
	 */
	public RateLimitPolicy policy() {
		return new RateLimitPolicy(this.requestsPerMinute, this.burst);
	}

}
