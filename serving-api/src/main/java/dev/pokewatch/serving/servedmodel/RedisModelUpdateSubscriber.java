package dev.pokewatch.serving.servedmodel;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.pokewatch.serving.system.ServingProperties;

/**
 * Reloads the model when a message arrives on the Redis channel
 * {@code pokewatch:model-updated} (published by training on promotion), so every replica
 * picks up a new model. Only active when {@code REDIS_URL} is set. Redis being down never
 * stops the service: the first connection is retried in the background, and Lettuce
 * reconnects and re-subscribes after a lost connection.
 */
@Component
class RedisModelUpdateSubscriber implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisModelUpdateSubscriber.class);

	private final ServedModelHolder registry;

	private final ServingProperties.Redis properties;

	private volatile RedisClient client;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	private volatile ExecutorService executor;

	private volatile boolean running;

	RedisModelUpdateSubscriber(ServedModelHolder registry, ServingProperties properties) {
		this.registry = registry;
		this.properties = properties.redis();
	}

	@Override
	public void start() {
		if (!this.properties.enabled() || this.running) {
			return;
		}
		RedisURI uri;
		try {
			uri = RedisURI.create(this.properties.url());
		}
		catch (IllegalArgumentException ex) {
			// neither the message nor the cause: both repeat the URL, which may hold a
			// password
			throw new IllegalStateException(
					"REDIS_URL (serving.redis.url) is not a valid Redis URL such as redis://host:6379");
		}
		this.running = true;
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder().autoReconnect(true).build());
		// one thread: reloads are serialized anyway, and this keeps them off Lettuce's
		// event loop
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "model-redis-subscriber");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.execute(this::connect);
	}

	private void connect() {
		boolean warned = false;
		while (this.running) {
			StatefulRedisPubSubConnection<String, String> pubSub = null;
			try {
				pubSub = this.client.connectPubSub();
				pubSub.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String channel, String message) {
						onMessage(message);
					}
				});
				pubSub.sync().subscribe(this.properties.channel());
				if (!this.running) {
					pubSub.close();
					return;
				}
				this.connection = pubSub;
				logger.info("Subscribed to Redis channel '{}' for model updates", this.properties.channel());
				return;
			}
			catch (RuntimeException ex) {
				if (pubSub != null) {
					// connected but not subscribed: close it, or every retry would leak a
					// reconnecting connection that may subscribe late and double the
					// reloads
					pubSub.close();
				}
				if (!warned) {
					logger.warn("Redis unavailable for model updates ({}); retrying every {}", ex.getMessage(),
							this.properties.reconnectDelay());
					warned = true;
				}
				if (!sleep(this.properties.reconnectDelay())) {
					return;
				}
			}
		}
	}

	private void onMessage(String message) {
		ExecutorService reloads = this.executor;
		if (reloads == null || reloads.isShutdown()) {
			return;
		}
		logger.info("Model update announced on Redis ({}), reloading", message);
		try {
			reloads.execute(() -> this.registry.reload("redis"));
		}
		catch (RuntimeException ex) {
			logger.debug("Reload not scheduled: {}", ex.toString());
		}
	}

	private boolean sleep(Duration delay) {
		try {
			Thread.sleep(delay);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		ExecutorService reloads = this.executor;
		if (reloads != null) {
			reloads.shutdownNow();
			try {
				reloads.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		if (pubSub != null) {
			pubSub.close();
		}
		RedisClient redis = this.client;
		if (redis != null) {
			redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		this.executor = null;
		this.connection = null;
		this.client = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the subscription is established.
	 * @return {@code true} once subscribed
	 */
	boolean subscribed() {
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		return pubSub != null && pubSub.isOpen();
	}

}
