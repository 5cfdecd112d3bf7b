package dev.pokewatch.serving.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * Buckets shared by every replica through Redis, using Bucket4j's compare-and-swap
 * Lettuce proxy. Keys are {@code pokewatch:ratelimit:<bucketKey>} and expire once the
 * bucket would be full again. Failures surface as exceptions; {@link FailoverRateLimiter}
 * handles them.
 */
final class RedisRateLimiter implements RateLimiter, AutoCloseable {

	static final String KEY_PREFIX = "pokewatch:ratelimit:";

	/** Extra lifetime of a Redis key past the moment its bucket is full again. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

	private final RateLimitPolicy policy;

	private final Clock clock;

	private final Duration timeout;

	private final RedisClient client;

	private final String endpoint;

	private final ReentrantLock connectLock = new ReentrantLock();

	private volatile Session session;

	RedisRateLimiter(String redisUrl, RateLimitPolicy policy, Duration timeout, Clock clock) {
		this.policy = policy;
		this.clock = clock;
		this.timeout = timeout;
		RedisURI uri = parse(redisUrl);
		uri.setTimeout(timeout);
		this.endpoint = uri.getHost() + ":" + uri.getPort();
		this.client = RedisClient.create(uri);
		// No background reconnect and no command queueing while disconnected: a dead
		// Redis must
		// fail fast so the request is served locally; FailoverRateLimiter decides when to
		// retry.
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.build());
		connectEagerly();
	}

	private void connectEagerly() {
		try {
			session();
		}
		catch (RuntimeException ex) {
			// Reported once by FailoverRateLimiter when the first request needs Redis.
		}
	}

	private static RedisURI parse(String redisUrl) {
		try {
			return RedisURI.create(redisUrl.strip());
		}
		catch (IllegalArgumentException ex) {
			// The URL may hold a password, so it is not repeated here.
			throw new IllegalArgumentException(
					"serving.rate-limit.redis-url (REDIS_URL) is not a valid Redis URL such as redis://host:6379");
		}
	}

	@Override
	public RateLimitDecision tryConsume(String bucketKey) {
		byte[] key = (KEY_PREFIX + bucketKey).getBytes(StandardCharsets.UTF_8);
		ConsumptionProbe probe = session().proxyManager()
			.getProxy(key, this.policy::configuration)
			.tryConsumeAndReturnRemaining(1);
		return this.policy.decide(probe, this.clock.millis());
	}

	/**
	 * Where Redis is, without credentials, for log lines.
	 * @return {@code host:port}
	 */
	String endpoint() {
		return this.endpoint;
	}

	private Session session() {
		Session current = this.session;
		if (current != null && current.connection().isOpen()) {
			return current;
		}
		// Only one thread connects; the others are served locally meanwhile instead of
		// queueing
		// behind a connect timeout.
		if (!this.connectLock.tryLock()) {
			throw new RedisConnectionException("Another request is connecting to Redis at " + this.endpoint);
		}
		try {
			current = this.session;
			if (current != null && current.connection().isOpen()) {
				return current;
			}
			if (current != null) {
				current.connection().close();
				this.session = null;
			}
			StatefulRedisConnection<byte[], byte[]> connection = this.client.connect(ByteArrayCodec.INSTANCE);
			ProxyManager<byte[]> proxyManager = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
				.requestTimeout(this.timeout)
				.build();
			this.session = new Session(connection, proxyManager);
			return this.session;
		}
		finally {
			this.connectLock.unlock();
		}
	}

	@Override
	public void close() {
		this.connectLock.lock();
		try {
			if (this.session != null) {
				this.session.connection().close();
				this.session = null;
			}
		}
		finally {
			this.connectLock.unlock();
		}
		this.client.shutdown(Duration.ZERO, this.timeout);
	}

	private record Session(StatefulRedisConnection<byte[], byte[]> connection, ProxyManager<byte[]> proxyManager) {

	}

}
