package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.retry.HttpRetryPolicy;
import dev.pokewatch.common.retry.HttpRetrySettings;
import dev.pokewatch.common.retry.RetryableHttpException;

/**
 * POSTs alerts to the configured webhook: the body signed with HMAC-SHA256
 * ({@link WebhookSignature}), retried with exponential backoff by the project's retry
 * policy on a network error, a 429 or a 5xx (other answers are final), every attempt
 * appended to the {@link DeliveryLog}. The JDK client is used directly because the
 * signature covers the exact bytes sent, which a converter-based client would produce
 * itself.
 */
class WebhookClient {

	private static final Logger logger = LoggerFactory.getLogger(WebhookClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final double JITTER = 0.1;

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

	private final AlertsProperties properties;

	private final DeliveryLog log;

	private final Clock clock;

	private final HttpClient http;

	private final Retry retry;

	WebhookClient(AlertsProperties properties, DeliveryLog log, Clock clock) {
		this.properties = properties;
		this.log = log;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.retry = HttpRetryPolicy.retry("webhook", new HttpRetrySettings(properties.maxAttempts(),
				properties.initialBackoff(), properties.maxBackoff(), JITTER, MAX_RETRY_AFTER));
	}

	/**
	 * Delivers one alert, retrying as the policy allows; blocks until it is delivered or
	 * given up, so call it off the request and reload threads.
	 * @param alert the alert
	 * @return whether the webhook accepted it (a 2xx answer)
	 */
	boolean deliver(SignalChangeAlert alert) {
		byte[] body = JSON.writeValueAsBytes(alert);
		HttpRequest request = HttpRequest.newBuilder(this.properties.webhookUrl())
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "PokeWatch-Webhook/1")
			.header("X-PokeWatch-Event", alert.event())
			.header("X-PokeWatch-Delivery", alert.deliveryId())
			.header(WebhookSignature.HEADER, WebhookSignature.sign(this.properties.webhookSecret(), body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		AtomicInteger attempts = new AtomicInteger();
		try {
			return this.retry.executeSupplier(() -> attempt(alert, request, attempts.incrementAndGet()));
		}
		catch (RetryableHttpException ex) {
			logger.warn("Webhook gave up on alert {} for card {} after {} attempt(s): {}", alert.deliveryId(),
					alert.cardId(), attempts.get(), ex.getMessage());
			return false;
		}
	}

	private boolean attempt(SignalChangeAlert alert, HttpRequest request, int attempt) {
		boolean last = attempt >= this.properties.maxAttempts();
		HttpResponse<Void> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			record(alert, attempt, null, last ? "failed" : "retrying", ex.toString());
			throw new RetryableHttpException(ex.toString(), null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			record(alert, attempt, null, "failed", "interrupted (shutting down)");
			return false;
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			record(alert, attempt, status, "delivered", null);
			return true;
		}
		if (status == 429 || status >= 500) {
			record(alert, attempt, status, last ? "failed" : "retrying", "HTTP " + status);
			throw RetryableHttpException.ofStatus(status, response.headers().firstValue("Retry-After").orElse(null),
					this.clock.instant());
		}
		// any other answer (a 4xx, a redirect) will not change by trying again
		record(alert, attempt, status, "failed", "HTTP " + status + " (not retried)");
		return false;
	}

	private void record(SignalChangeAlert alert, int attempt, Integer status, String outcome, String error) {
		this.log.append(new DeliveryLog.Entry(this.clock.instant(), alert.deliveryId(), alert.cardId(),
				this.properties.loggableUrl(), attempt, status, outcome, error));
	}

}
