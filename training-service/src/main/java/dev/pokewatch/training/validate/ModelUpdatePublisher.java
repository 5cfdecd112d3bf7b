package dev.pokewatch.training.validate;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.pokewatch.common.served.ModelUpdateMessage;

/**
 * Tells every serving replica that a new model was promoted: publishes a
 * {@link ModelUpdateMessage} through Spring Boot's Redis connection when
 * {@code spring.data.redis.url} ({@code REDIS_URL}) is set. Without a URL nothing is
 * published and no connection is attempted. The notification is best effort: replicas
 * also watch {@code models/baseline/}, so a Redis failure is a warning, never a failed
 * promotion.
 */
@Component
public class ModelUpdatePublisher {

	private static final Logger logger = LoggerFactory.getLogger(ModelUpdatePublisher.class);

	/** What {@link #publish} returns when nothing was published. */
	public static final long NOT_PUBLISHED = -1;

	private final DataRedisProperties redis;

	private final ObjectProvider<StringRedisTemplate> template;

	private final String channel;

	/**
	 * Creates a publisher.
	 * @param redis Spring Boot's Redis settings; a blank URL disables publishing
	 * @param template the template, only looked up when a URL is set
	 * @param properties the channel
	 */
	public ModelUpdatePublisher(DataRedisProperties redis, ObjectProvider<StringRedisTemplate> template,
			RedisProperties properties) {
		this.redis = Objects.requireNonNull(redis, "'redis' must not be null");
		this.template = Objects.requireNonNull(template, "'template' must not be null");
		this.channel = Objects.requireNonNull(properties, "'properties' must not be null").channel();
	}

	/**
	 * Whether a Redis URL is configured.
	 * @return {@code true} if {@link #publish} will try to send
	 */
	public boolean isEnabled() {
		return StringUtils.hasText(this.redis.getUrl());
	}

	/**
	 * The channel.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Publishes a model version.
	 * @param modelVersion the promoted version
	 * @return the number of subscribers that received it, or {@link #NOT_PUBLISHED}
	 */
	public long publish(String modelVersion) {
		ModelUpdateMessage message = new ModelUpdateMessage(modelVersion);
		if (!isEnabled()) {
			return NOT_PUBLISHED;
		}
		try {
			Long receivers = this.template.getObject().convertAndSend(this.channel, message.modelVersion());
			logger.info("Published model {} on Redis channel {} ({} subscriber(s))", modelVersion, this.channel,
					receivers);
			return (receivers != null) ? receivers : 0;
		}
		catch (RuntimeException ex) {
			// the message names host and port, never the URL's password
			logger.warn("Model-updated notification skipped (Redis channel {}): {}", this.channel, ex.getMessage());
			return NOT_PUBLISHED;
		}
	}

}
