package dev.pokewatch.collector.http;

import java.time.Duration;

/**
 * How a {@link RetryingHttpClient} talks to one provider.
 *
 * @param connectTimeout time to open a connection
 * @param readTimeout time to wait for the response once the request is sent
 * @param maxAttempts attempts per request, the first one included
 * @param initialBackoff wait before the first retry; doubled for each further one
 * @param maxBackoff upper bound of a computed backoff
 * @param jitter random extra share of the backoff, {@code 0.25} adds up to 25 %
 * @param maxRetryAfter longest {@code Retry-After} honoured; a longer one ends the
 * retries
 * @param requestsPerMinute client-side throttle, {@code 0} for none
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, double jitter, Duration maxRetryAfter, int requestsPerMinute) {

	public HttpSettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("'maxAttempts' must be at least 1");
		}
		if (jitter < 0) {
			throw new IllegalArgumentException("'jitter' must not be negative");
		}
	}

}
