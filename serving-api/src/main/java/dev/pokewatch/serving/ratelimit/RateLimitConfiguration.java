package dev.pokewatch.serving.ratelimit;

import java.time.Clock;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.pokewatch.serving.system.ApplicationFilterRegistration;
import dev.pokewatch.serving.system.RedisUrlCondition;

/**
 * Registers the rate-limit filter after the API-key filter, with buckets shared through
 * Redis when {@code REDIS_URL} ({@code spring.data.redis.url}) is set and local buckets
 * otherwise or while Redis fails.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	/** Order of the rate-limit filter: after the API-key filter. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final Logger logger = LoggerFactory.getLogger(RateLimitConfiguration.class);

	@Bean
	LocalRateLimiter localRateLimiter(RateLimitProperties properties) {
		return new LocalRateLimiter(properties.policy(), properties.maxLocalBuckets(), TimeMeter.SYSTEM_NANOTIME,
				Clock.systemUTC());
	}

	@Bean
	ApplicationFilterRegistration<RateLimitFilter> rateLimitFilter(RateLimitProperties properties,
			LocalRateLimiter localRateLimiter, ObjectProvider<RedisRateLimiter> redisRateLimiter,
			ObjectProvider<MeterRegistry> meterRegistryProvider) {
		MeterRegistry meterRegistry = meterRegistryProvider.getIfAvailable(() -> Metrics.globalRegistry);
		RateLimiter limiter = localRateLimiter;
		RedisRateLimiter redis = redisRateLimiter.getIfAvailable();
		if (redis != null) {
			limiter = new FailoverRateLimiter(redis, redis.endpoint(), localRateLimiter,
					properties.redisProbeInterval(), System::nanoTime, meterRegistry);
		}
		logger.info("Rate limit: {} requests/minute, burst {}, buckets {}", properties.requestsPerMinute(),
				properties.burst(), (redis != null) ? "shared through Redis at " + redis.endpoint() : "in memory");
		return new ApplicationFilterRegistration<>(new RateLimitFilter(limiter, meterRegistry), "rateLimitFilter",
				FILTER_ORDER);
	}

	/**
	 * Shared buckets, on Boot's Lettuce connection factory, when a Redis URL is set.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(RedisUrlCondition.class)
	static class SharedBucketsConfiguration {

		@Bean
		RedisRateLimiter redisRateLimiter(LettuceConnectionFactory connectionFactory, RateLimitProperties properties) {
			return new RedisRateLimiter(connectionFactory, properties.policy(), properties.redisTimeout(),
					Clock.systemUTC());
		}

		/**
		 * While Lettuce reconnects in the background, commands fail at once instead of
		 * queueing: a request must be served from local buckets, not wait for Redis.
		 * @return the customizer of Boot's client options
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
			return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
