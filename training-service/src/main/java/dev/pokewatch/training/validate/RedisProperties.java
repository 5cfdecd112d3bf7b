package dev.pokewatch.training.validate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.pokewatch.common.served.ModelUpdateMessage;

/**
 * Where the promotion notification goes, bound from {@code training.redis.*}. The Redis
 * server itself is Spring Boot's {@code spring.data.redis.url} (from {@code REDIS_URL}).
 *
 * @param channel the channel serving replicas subscribe to; by default the one
 * {@link ModelUpdateMessage} names
 */
@ConfigurationProperties("training.redis")
public record RedisProperties(@DefaultValue(ModelUpdateMessage.DEFAULT_CHANNEL) String channel) {

}
