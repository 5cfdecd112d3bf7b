package dev.pokewatch.training.validate;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every serving replica that a new model was promoted: publishes the model version
 * on a Redis channel ({@code pokewatch:model-updated}) when {@code REDIS_URL} is set. The
 * notification is best effort: replicas also watch {@code models/baseline/}, so a Redis
 * failure is a warning, never a failed promotion.
 */
public class ModelUpdatePublisher {

	private static final Logger logger = LoggerFactory.getLogger(ModelUpdatePublisher.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final String url;

	private final String channel;

	/**
	 * Creates a publisher.
	 * @param url the Redis URL ({@code redis://host:port}); blank disables publishing
	 * @param channel the channel
	 */
	public ModelUpdatePublisher(String url, String channel) {
		this.url = (url != null) ? url.strip() : "";
		this.channel = channel;
	}

	/**
	 * Publishes a model version.
	 * @param modelVersion the promoted version
	 * @return the number of subscribers that received it, or -1 when not published
	 */
	public long publish(String modelVersion) {
		if (this.url.isEmpty()) {
			return -1;
		}
		RedisClient client = null;
		try {
			RedisURI uri;
			try {
				uri = RedisURI.create(this.url);
			}
			catch (IllegalArgumentException ex) {
				// the parser's message repeats the URL, which may hold a password
				logger.warn("Model-updated notification skipped: REDIS_URL is not a valid Redis URL such as "
						+ "redis://host:6379");
				return -1;
			}
			uri.setTimeout(TIMEOUT);
			client = RedisClient.create(uri);
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				long receivers = connection.sync().publish(this.channel, modelVersion);
				logger.info("Published model {} on Redis channel {} ({} subscriber(s))", modelVersion, this.channel,
						receivers);
				return receivers;
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Model-updated notification skipped (Redis {}): {}", this.channel, ex.getMessage());
			return -1;
		}
		finally {
			if (client != null) {
				client.shutdown(Duration.ZERO, TIMEOUT);
			}
		}
	}

}
