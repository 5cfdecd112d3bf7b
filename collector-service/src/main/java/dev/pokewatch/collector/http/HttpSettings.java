package dev.pokewatch.collector.http;

import java.time.Duration;
import java.util.Objects;

import dev.pokewatch.common.retry.HttpRetrySettings;

/**
 * How a {@link RetryingHttpClient} talks to one provider.
 *
 * @param connectTimeout time to open a connection
 * @param readTimeout time to wait for the response once the request is sent
 * @param retry attempts, backoff and longest {@code Retry-After} honoured, for the
 * project's shared {@link dev.pokewatch.common.retry.HttpRetryPolicy}
 * @param requestsPerMinute client-side throttle, {@code 0} for none
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, HttpRetrySettings retry,
		int requestsPerMinute) {

	public HttpSettings {
		Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
		Objects.requireNonNull(readTimeout, "'readTimeout' must not be null");
		Objects.requireNonNull(retry, "'retry' must not be null");
		if (requestsPerMinute < 0) {
			throw new IllegalArgumentException("'requestsPerMinute' must not be negative");
		}
	}

}
