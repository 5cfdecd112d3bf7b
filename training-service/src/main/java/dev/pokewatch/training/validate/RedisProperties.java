package dev.pokewatch.training.validate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.served.OnlineFeatures;

/**
 * Where a promotion goes in Redis, bound from {@code training.redis.*}. The Redis server
 * itself is Spring Boot's {@code spring.data.redis.url} (from {@code REDIS_URL}).
 *
 * @param channel the channel serving replicas subscribe to; by default the one
 * {@link ModelUpdateMessage} names
 * @param features the online feature store written on promotion
 */
@ConfigurationProperties("training.redis")
public record RedisProperties(@DefaultValue(ModelUpdateMessage.DEFAULT_CHANNEL) String channel,
		@DefaultValue Features features) {

	/**
	 * The online feature store ({@link OnlineFeatures}).
	 *
	 * @param enabled whether a promotion writes each card's latest features
	 * @param prefix the key prefix; serving must read the same
	 * @param ttl how long a version's keys live: longer than the time between two
	 * promotions, so the current version never expires while it is current
	 */
	public record Features(@DefaultValue("true") boolean enabled,
			@DefaultValue(OnlineFeatures.DEFAULT_PREFIX) String prefix, @DefaultValue("30d") Duration ttl) {

	}

}
