package dev.pokewatch.serving.ratelimit;

import java.time.Clock;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the rate-limit filter after the API-key filter, with Redis-shared buckets
 * when {@code serving.rate-limit.redis-url} is set.
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

	@Bean(destroyMethod = "close")
	RedisRateLimiterHolder redisRateLimiter(RateLimitProperties properties) {
		if (!properties.redisEnabled()) {
			return new RedisRateLimiterHolder(null);
		}
		return new RedisRateLimiterHolder(new RedisRateLimiter(properties.redisUrl(), properties.policy(),
				properties.redisTimeout(), Clock.systemUTC()));
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties properties,
			LocalRateLimiter localRateLimiter, RedisRateLimiterHolder redisRateLimiter,
			ObjectProvider<MeterRegistry> meterRegistryProvider) {
		MeterRegistry meterRegistry = meterRegistryProvider.getIfAvailable(() -> Metrics.globalRegistry);
		RateLimiter limiter = localRateLimiter;
		RedisRateLimiter redis = redisRateLimiter.limiter();
		if (redis != null) {
			limiter = new FailoverRateLimiter(redis, redis.endpoint(), localRateLimiter,
					properties.redisProbeInterval(), System::nanoTime, meterRegistry);
		}
		logger.info("Rate limit: {} requests/minute, burst {}, buckets {}", properties.requestsPerMinute(),
				properties.burst(), (redis != null) ? "shared through Redis at " + redis.endpoint() : "in memory");
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limiter, meterRegistry));
		registration.setName("rateLimitFilter");
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	/**
	 * Holds the optional Redis limiter so it is closed with the context.
	 */
	record RedisRateLimiterHolder(RedisRateLimiter limiter) implements AutoCloseable {

		@Override
		public void close() {
			if (this.limiter != null) {
				this.limiter.close();
			}
		}

	}

}
