package dev.pokewatch.serving.servedmodel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.pokewatch.serving.onlinefeatures.OnlineFeatureReader;
import dev.pokewatch.serving.system.RedisUrlCondition;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Reloads the model when a {@link dev.pokewatch.common.served.ModelUpdateMessage} arrives
 * on the Redis channel {@code serving.reload.redis-channel} (published by training on
 * promotion), so every replica picks up a new model. Only present when {@code REDIS_URL}
 * is set. Redis being down never stops the service: until the first subscription the
 * subscriber asks the {@link RedisMessageListenerContainer} again every few seconds, on a
 * background thread through Spring's {@link RetryTemplate}; after it, reconnecting and
 * subscribing again are the container's and Lettuce's job.
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

	private final AtomicBoolean warned = new AtomicBoolean();

	private volatile boolean closed;

	private final ObjectProvider<OnlineFeatureReader> onlineFeatures;

	RedisModelUpdateSubscriber(ServedModelHolder registry, ServingProperties properties,
			RedisMessageListenerContainer container, ObjectProvider<OnlineFeatureReader> onlineFeatures) {
		this.registry = registry;
		this.container = container;
		this.onlineFeatures = onlineFeatures;
		this.channel = new ChannelTopic(properties.reload().redisChannel());
	}

	/**
	 * Joins the container once it runs, so that a Redis down at startup cannot fail the
	 * startup.
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (this.joining.compareAndSet(false, true)) {
			Thread.ofVirtual().name("redis-model-updates-subscribe").start(this::joinUntilSubscribed);
		}
	}

	private void joinUntilSubscribed() {
		// retries until subscribed or shut down: Redis may come up long after serving
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.delay(JOIN_RETRY)
			.multiplier(1)
			.predicate((ex) -> !this.closed)
			.build();
		RetryTemplate retry = new RetryTemplate(policy);
		try {
			retry.execute(() -> {
				join();
				return null;
			});
		}
		catch (RetryException ex) {
			logger.debug("Stopped subscribing to Redis model updates (shutting down)");
		}
	}

	private void join() {
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
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("Redis unavailable for model updates ({}); retrying every {} s", ex.getMessage(),
						JOIN_RETRY.toSeconds());
			}
			throw ex;
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
		// the online feature store moved to the new version too
		this.onlineFeatures.ifAvailable(OnlineFeatureReader::forgetVersion);
		// runs on a container thread, never on Lettuce's event loop; the holder
		// serializes reloads
		this.registry.reload("redis");
	}

}
