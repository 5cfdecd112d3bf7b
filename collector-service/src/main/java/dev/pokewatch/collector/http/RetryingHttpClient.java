package dev.pokewatch.collector.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs JSON from a price provider with the manners of a good API client: connect and read
 * timeouts, a client-side throttle, retries with exponential backoff and jitter on
 * timeouts, network errors, 5xx and 429 (honouring {@code Retry-After}), and no retry on
 * other 4xx, which are reported as {@link HttpStatusException} for the provider's client
 * to translate.
 *
 * <p>
 * Headers are never logged: they may carry an API key.
 */
public class RetryingHttpClient {

	private static final Logger logger = LoggerFactory.getLogger(RetryingHttpClient.class);

	private final HttpClient http;

	private final HttpSettings settings;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Throttle throttle;

	private final RandomGenerator random;

	public RetryingHttpClient(HttpSettings settings, Clock clock, Sleeper sleeper) {
		this(settings, clock, sleeper, RandomGenerator.getDefault());
	}

	RetryingHttpClient(HttpSettings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
		this.settings = settings;
		this.clock = clock;
		this.sleeper = sleeper;
		this.random = random;
		this.throttle = new Throttle(settings.requestsPerMinute(), clock, sleeper);
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * GETs a resource, retrying what is worth retrying.
	 * @param uri the resource
	 * @param headers extra request headers
	 * @return the body of the 2xx response
	 * @throws HttpStatusException on a 4xx other than 429
	 * @throws HttpExchangeException when the retries are exhausted or interrupted
	 */
	public String get(URI uri, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.GET()
			.timeout(this.settings.readTimeout())
			.header("Accept", "application/json")
			.header("User-Agent", "PokeWatch-collector");
		headers.forEach(builder::header);
		HttpRequest request = builder.build();
		for (int attempt = 1;; attempt++) {
			String problem;
			Duration wait;
			try {
				this.throttle.acquire();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					return response.body();
				}
				if (status != 429 && status < 500) {
					throw new HttpStatusException(uri, status, excerpt(response.body()));
				}
				problem = "HTTP " + status;
				Optional<Duration> retryAfter = RetryAfter
					.parse(response.headers().firstValue("Retry-After").orElse(null), this.clock.instant());
				if (retryAfter.isPresent() && retryAfter.get().compareTo(this.settings.maxRetryAfter()) > 0) {
					throw new HttpExchangeException(uri,
							problem + ", the provider asks to retry after " + retryAfter.get().toSeconds()
									+ " s, longer than the configured maximum of "
									+ this.settings.maxRetryAfter().toSeconds() + " s",
							null);
				}
				wait = retryAfter.orElseGet(backoff(attempt));
			}
			catch (HttpTimeoutException ex) {
				problem = "no response within " + this.settings.readTimeout().toMillis() + " ms";
				wait = backoff(attempt).get();
			}
			catch (IOException ex) {
				problem = "network error: " + ex;
				wait = backoff(attempt).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HttpExchangeException(uri, "interrupted", ex);
			}
			if (attempt >= this.settings.maxAttempts()) {
				throw new HttpExchangeException(uri, "gave up after " + attempt + " attempts, last: " + problem, null);
			}
			logger.warn("GET {}: {}; retry {} of {} in {} ms", uri, problem, attempt, this.settings.maxAttempts() - 1,
					wait.toMillis());
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new HttpExchangeException(uri, "interrupted", ex);
			}
		}
	}

	private java.util.function.Supplier<Duration> backoff(int attempt) {
		return () -> {
			Duration base = this.settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
			if (base.compareTo(this.settings.maxBackoff()) > 0) {
				base = this.settings.maxBackoff();
			}
			// jitter spreads the retries of concurrent clients so they don't hit the
			// provider in lock-step
			long extra = (long) (base.toMillis() * this.settings.jitter() * this.random.nextDouble());
			return base.plusMillis(extra);
		};
	}

	private static String excerpt(String body) {
		String text = (body != null) ? body.strip().replaceAll("\\s+", " ") : "";
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
