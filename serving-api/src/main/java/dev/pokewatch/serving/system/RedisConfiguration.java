package dev.pokewatch.serving.system;

import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The Redis beans shared by features, on Boot's auto-configured connection factory
 * ({@code spring.data.redis.*}), created only when {@code REDIS_URL} is set: the listener
 * container that model-update subscribers join, and the Redis health indicator.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisUrlCondition.class)
class RedisConfiguration {

	/** Health status of a Redis that does not answer: shown, but never DOWN. */
	static final Status DEGRADED = new Status("DEGRADED",
			"Redis does not answer: rate limits are per replica and model updates arrive by file only");

	/**
	 * The container listeners join once the context has started: a container that cannot
	 * subscribe while starting would fail the startup. Once subscribed, Lettuce
	 * reconnects and subscribes again by itself after a lost connection. Defined here, as
	 * Boot's own container only exists when spring-messaging is on the class path.
	 * @param connectionFactory Boot's connection factory
	 * @return the container
	 */
	@Bean
	RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		return container;
	}

	/**
	 * Boot's Redis health indicator, reporting {@link #DEGRADED} rather than DOWN: Redis
	 * is optional, so an outage must not fail the container health check. Boot's own
	 * registration of it is switched off ({@code management.health.redis.enabled=false}).
	 * @param connectionFactory Boot's connection factory
	 * @return the indicator, named {@code redis}
	 */
	@Bean
	HealthIndicator redisHealthIndicator(RedisConnectionFactory connectionFactory) {
		DataRedisHealthIndicator redis = new DataRedisHealthIndicator(connectionFactory);
		return () -> degradedWhenDown(redis.health(true));
	}

	static Health degradedWhenDown(Health health) {
		if (!Status.DOWN.equals(health.getStatus())) {
			return health;
		}
		return Health.status(DEGRADED).withDetails(health.getDetails()).build();
	}

}
