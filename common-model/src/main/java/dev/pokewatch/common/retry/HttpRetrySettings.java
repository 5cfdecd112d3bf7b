package dev.pokewatch.common.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a client repeats a request, for {@link HttpRetryPolicy}.
 *
 * @param maxAttempts attempts per call, the first one included; {@code 1} never retries
 * @param initialBackoff wait before the first retry when the server gives no
 * {@code Retry-After}; doubled for each further retry
 * @param maxBackoff upper bound of a computed backoff (before jitter)
 * @param jitter random extra share of the backoff, {@code 0.25} adds up to 25 %
 * @param maxRetryAfter longest {@code Retry-After} honoured; a server asking for a longer
 * wait ends the retries at once
 * @since 0.1.0
 */
public record HttpRetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
		Duration maxRetryAfter) {

	/**
	 * Validates the settings.
	 * @throws IllegalArgumentException if {@code maxAttempts} is below 1, a duration is
	 * negative or {@code jitter} is negative
	 * @throws NullPointerException if a duration is {@code null}
	 */
	public HttpRetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("'maxAttempts' must be at least 1");
		}
		requireNotNegative(initialBackoff, "initialBackoff");
		requireNotNegative(maxBackoff, "maxBackoff");
		requireNotNegative(maxRetryAfter, "maxRetryAfter");
		if (jitter < 0 || Double.isNaN(jitter)) {
			throw new IllegalArgumentException("'jitter' must not be negative");
		}
	}

	/**
	 * Whether a server's {@code Retry-After} is short enough to wait for.
	 * @param retryAfter the wait the server asked for, not {@code null}
	 * @return {@code true} if it is at most {@link #maxRetryAfter()}
	 */
	public boolean honours(Duration retryAfter) {
		return retryAfter.compareTo(this.maxRetryAfter) <= 0;
	}

	private static void requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, () -> "'" + name + "' must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must not be negative");
		}
	}

}
