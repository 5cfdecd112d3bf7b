package dev.pokewatch.serving.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.telemetry.MeterNames;

/**
 * Uses shared (Redis) buckets while they work and local buckets while they do not. The
 * switch to local logs one WARN line and counts
 * {@code pokewatch.ratelimit.redis.fallback}; while down, at most one request per probe
 * interval tries Redis again, and the first success switches back with one INFO line.
 */
final class FailoverRateLimiter implements RateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(FailoverRateLimiter.class);

	private final RateLimiter shared;

	private final RateLimiter local;

	private final String sharedName;

	private final long probeIntervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicBoolean sharedUp = new AtomicBoolean(true);

	private final AtomicLong nextProbeNanos = new AtomicLong();

	private final Counter fallbacks;

	FailoverRateLimiter(RateLimiter shared, String sharedName, RateLimiter local, Duration probeInterval,
			LongSupplier nanoTime, MeterRegistry meterRegistry) {
		this.shared = shared;
		this.sharedName = sharedName;
		this.local = local;
		this.probeIntervalNanos = probeInterval.toNanos();
		this.nanoTime = nanoTime;
		this.fallbacks = Counter.builder(MeterNames.RATE_LIMIT_REDIS_FALLBACK)
			.description("Switches from Redis to local rate-limit buckets after a Redis failure")
			.register(meterRegistry);
		Gauge.builder(MeterNames.RATE_LIMIT_REDIS_UP, this.sharedUp, (up) -> up.get() ? 1 : 0)
			.description("1 while rate-limit buckets are shared through Redis, 0 while local")
			.register(meterRegistry);
	}

	@Override
	public RateLimitDecision tryConsume(String bucketKey) {
		if (this.sharedUp.get()) {
			try {
				return this.shared.tryConsume(bucketKey);
			}
			catch (RuntimeException ex) {
				// Any Redis failure (refused, timeout, protocol) must not fail the
				// request.
				markDown(ex);
				return this.local.tryConsume(bucketKey);
			}
		}
		if (claimProbe()) {
			try {
				RateLimitDecision decision = this.shared.tryConsume(bucketKey);
				markUp();
				return decision;
			}
			catch (RuntimeException ex) {
				logger.debug("Redis rate limiting still unavailable: {}", ex.toString());
			}
		}
		return this.local.tryConsume(bucketKey);
	}

	boolean isSharedUp() {
		return this.sharedUp.get();
	}

	private boolean claimProbe() {
		long now = this.nanoTime.getAsLong();
		long next = this.nextProbeNanos.get();
		return now - next >= 0 && this.nextProbeNanos.compareAndSet(next, now + this.probeIntervalNanos);
	}

	private void markDown(RuntimeException ex) {
		if (this.sharedUp.compareAndSet(true, false)) {
			this.nextProbeNanos.set(this.nanoTime.getAsLong() + this.probeIntervalNanos);
			this.fallbacks.increment();
			logger.warn(
					"Redis rate limiting at {} failed ({}); using local in-memory buckets and retrying Redis "
							+ "at most every {} ms",
					this.sharedName, ex.toString(), Duration.ofNanos(this.probeIntervalNanos).toMillis());
		}
	}

	private void markUp() {
		if (this.sharedUp.compareAndSet(false, true)) {
			logger.info("Redis rate limiting at {} is back; buckets are shared again", this.sharedName);
		}
	}

}
