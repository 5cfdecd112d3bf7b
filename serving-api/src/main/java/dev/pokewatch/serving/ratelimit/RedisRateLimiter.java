package dev.pokewatch.serving.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets shared by every replica through Redis, using Bucket4j's compare-and-swap
 * Lettuce proxy on the native connection that Boot's {@link LettuceConnectionFactory}
 * shares (Lettuce reconnects it by itself). Keys are
 * {@code pokewatch:ratelimit:<bucketKey>} and expire once the bucket would be full again.
 * Failures surface as exceptions; {@link FailoverRateLimiter} handles them.
 */
final class RedisRateLimiter implements RateLimiter {

	static final String KEY_PREFIX = "pokewatch:ratelimit:";

	/** Extra lifetime of a Redis key past the moment its bucket is full again. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

	private final LettuceConnectionFactory connectionFactory;

	private final RateLimitPolicy policy;

	private final Duration timeout;

	private final Clock clock;

	private final AtomicReference<CompletableFuture<ProxyManager<byte[]>>> proxyManager = new AtomicReference<>();

	RedisRateLimiter(LettuceConnectionFactory connectionFactory, RateLimitPolicy policy, Duration timeout,
			Clock clock) {
		this.connectionFactory = connectionFactory;
		this.policy = policy;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public RateLimitDecision tryConsume(String bucketKey) {
		byte[] key = (KEY_PREFIX + bucketKey).getBytes(StandardCharsets.UTF_8);
		ConsumptionProbe probe = proxyManager().getProxy(key, this.policy::configuration)
			.tryConsumeAndReturnRemaining(1);
		return this.policy.decide(probe, this.clock.millis());
	}

	/**
	 * Where Redis is, without credentials, for log lines.
	 * @return {@code host:port}
	 */
	String endpoint() {
		return this.connectionFactory.getHostName() + ":" + this.connectionFactory.getPort();
	}

	/**
	 * The proxy manager on the shared connection, created by the first request. Requests
	 * arriving while it connects wait for that one attempt and share its outcome, so only
	 * a real connection failure fails them; after a failure the next call tries again.
	 */
	private ProxyManager<byte[]> proxyManager() {
		CompletableFuture<ProxyManager<byte[]>> current = this.proxyManager.get();
		if (current == null || current.isCompletedExceptionally()) {
			CompletableFuture<ProxyManager<byte[]>> attempt = new CompletableFuture<>();
			if (this.proxyManager.compareAndSet(current, attempt)) {
				try {
					attempt.complete(connect());
				}
				catch (RuntimeException ex) {
					attempt.completeExceptionally(ex);
				}
			}
			current = this.proxyManager.get();
		}
		try {
			return current.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private ProxyManager<byte[]> connect() {
		RedisClusterAsyncCommands<byte[], byte[]> commands;
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			// with a shared native connection (Boot's default) closing the Spring wrapper
			// leaves the native connection open
			commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
		}
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN);
		if (commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster) {
			return Bucket4jLettuce.casBasedBuilder(cluster)
				.expirationAfterWrite(expiry)
				.requestTimeout(this.timeout)
				.build();
		}
		if (commands instanceof RedisAsyncCommands<byte[], byte[]> standalone) {
			return Bucket4jLettuce.casBasedBuilder(standalone)
				.expirationAfterWrite(expiry)
				.requestTimeout(this.timeout)
				.build();
		}
		throw new IllegalStateException("Unsupported Lettuce connection: " + commands.getClass().getName());
	}

}
