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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.retry.HttpRetryPolicy;
import dev.pokewatch.common.retry.RetryableHttpException;

/**
 * GETs JSON from a price provider with the manners of a good API client: connect and read
 * timeouts, a client-side throttle, and the project's shared {@link HttpRetryPolicy retry
 * policy} on timeouts, network errors, 5xx and 429 (honouring {@code Retry-After}). Other
 * 4xx are not retried; they are reported as {@link HttpStatusException} for the
 * provider's client to translate.
 *
 * <p>
 * Headers are never logged: they may carry an API key.
 */
public class RetryingHttpClient {

	private static final Logger logger = LoggerFactory.getLogger(RetryingHttpClient.class);

	private final HttpClient http;

	private final HttpSettings settings;

	private final Clock clock;

	private final Throttle throttle;

	private final Retry retry;

	/**
	 * Creates a client for one provider.
	 * @param name the provider, naming its retries in logs
	 * @param settings timeouts, retries and throttle
	 * @param clock the clock, to read {@code Retry-After} dates and space requests
	 * @param sleeper how the throttle waits
	 */
	public RetryingHttpClient(String name, HttpSettings settings, Clock clock, Sleeper sleeper) {
		this.settings = settings;
		this.clock = clock;
		this.throttle = new Throttle(settings.requestsPerMinute(), clock, sleeper);
		this.retry = HttpRetryPolicy.retry(name, settings.retry());
		this.retry.getEventPublisher()
			.onRetry((event) -> logger.warn("{}: {}; retry {} of {} in {} ms", name,
					event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts(),
					settings.retry().maxAttempts() - 1, event.getWaitInterval().toMillis()));
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
	 * @throws HttpExchangeException when the retries are exhausted or interrupted, or the
	 * provider asks to wait longer than the configured maximum
	 */
	public String get(URI uri, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.GET()
			.timeout(this.settings.readTimeout())
			.header("Accept", "application/json")
			.header("User-Agent", "PokeWatch-collector");
		headers.forEach(builder::header);
		HttpRequest request = builder.build();
		AtomicInteger attempts = new AtomicInteger();
		try {
			return this.retry.executeCheckedSupplier(() -> {
				attempts.incrementAndGet();
				return send(uri, request);
			});
		}
		catch (RetryableHttpException ex) {
			throw givenUp(uri, ex, attempts.get());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpExchangeException(uri, "interrupted", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new HttpExchangeException(uri, "unexpected failure: " + ex, ex);
		}
	}

	private String send(URI uri, HttpRequest request) throws InterruptedException {
		this.throttle.acquire();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new RetryableHttpException("no response within " + this.settings.readTimeout().toMillis() + " ms",
					null, ex);
		}
		catch (IOException ex) {
			throw new RetryableHttpException("network error: " + ex, null, ex);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return response.body();
		}
		if (status == 429 || status >= 500) {
			throw RetryableHttpException.ofStatus(status, response.headers().firstValue("Retry-After").orElse(null),
					this.clock.instant());
		}
		throw new HttpStatusException(uri, status, excerpt(response.body()));
	}

	private HttpExchangeException givenUp(URI uri, RetryableHttpException ex, int attempts) {
		if (Thread.currentThread().isInterrupted()) {
			return new HttpExchangeException(uri, "interrupted, last: " + ex.getMessage(), ex);
		}
		Duration maxRetryAfter = this.settings.retry().maxRetryAfter();
		Duration asked = ex.retryAfter().filter((wait) -> !this.settings.retry().honours(wait)).orElse(null);
		if (asked != null) {
			return new HttpExchangeException(uri,
					ex.getMessage() + ", the provider asks to retry after " + asked.toSeconds()
							+ " s, longer than the configured maximum of " + maxRetryAfter.toSeconds() + " s",
					ex);
		}
		return new HttpExchangeException(uri, "gave up after " + attempts + " attempts, last: " + ex.getMessage(), ex);
	}

	private static String excerpt(String body) {
		String text = (body != null) ? body.strip().replaceAll("\\s+", " ") : "";
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
