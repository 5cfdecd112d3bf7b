package dev.pokewatch.serving.servedmodel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.pokewatch.serving.system.RedisUrlCondition;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Reloads the model when a {@link dev.pokewatch.common.served.ModelUpdateMessage} arrives
 * on the Redis channel {@code serving.reload.redis-channel} (published by training on
 * promotion), so every replica picks up a new model. Only present when {@code REDIS_URL}
 * is set. Redis being down never stops the service: until the first subscription the
 * subscriber asks the {@link RedisMessageListenerContainer} again every few seconds;
 * after it, reconnecting and subscribing again are the container's and Lettuce's job.
 */
@Component
@Conditional(RedisUrlCondition.class)
class RedisModelUpdateSubscriber
		implements MessageListener, ApplicationListener<ContextRefreshedEvent>, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisModelUpdateSubscriber.class);

	private static final int MAX_LOGGED_LENGTH = 100;

	/** Delay between attempts to subscribe while Redis has never been reachable. */
	private static final Duration JOIN_RETRY = Duration.ofSeconds(2);

	private final ServedModelHolder registry;

	private final RedisMessageListenerContainer container;

	private final ChannelTopic channel;

	private final AtomicBoolean joining = new AtomicBoolean();

	private volatile boolean closed;

	RedisModelUpdateSubscriber(ServedModelHolder registry, ServingProperties properties,
			RedisMessageListenerContainer container) {
		this.registry = registry;
		this.container = container;
		this.channel = new ChannelTopic(properties.reload().redisChannel());
	}

	/**
	 * Joins the container once it runs, so that a Redis down at startup cannot fail the
	 * startup.
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (this.joining.compareAndSet(false, true)) {
			join(true);
		}
	}

	private void join(boolean first) {
		if (this.closed) {
			return;
		}
		try {
			// joining a running container subscribes at once; a failure fails only this
			// call and leaves the container ready for the next one
			this.container.addMessageListener(this, this.channel);
			logger.info("Subscribed to Redis channel '{}' for model updates", this.channel.getTopic());
		}
		catch (RuntimeException ex) {
			if (first) {
				logger.warn("Redis unavailable for model updates ({}); retrying every {} s", ex.getMessage(),
						JOIN_RETRY.toSeconds());
			}
			CompletableFuture.delayedExecutor(JOIN_RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> join(false));
		}
	}

	@Override
	public void destroy() {
		this.closed = true;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String version = new String(message.getBody(), StandardCharsets.UTF_8);
		if (version.length() > MAX_LOGGED_LENGTH) {
			version = version.substring(0, MAX_LOGGED_LENGTH) + "...";
		}
		logger.info("Model update announced on Redis ({}), reloading", version);
		// runs on a container thread, never on Lettuce's event loop; the holder
		// serializes reloads
		this.registry.reload("redis");
	}

}
