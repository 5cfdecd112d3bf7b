package dev.pokewatch.serving.alerts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed configuration of the signal-change webhook ({@code serving.alerts.*}). Without a
 * URL no alert is sent.
 *
 * @param webhookUrl where alerts are POSTed ({@code ALERT_WEBHOOK_URL}), {@code null} for
 * none
 * @param webhookSecret the HMAC-SHA256 key that signs each body
 * ({@code ALERT_WEBHOOK_SECRET}); required with a URL, never logged
 * @param maxAttempts attempts per alert, the first included
 * @param initialBackoff wait before the first retry, doubled before each next one
 * @param maxBackoff the longest wait between attempts
 * @param timeout connect and response timeout of one attempt
 * @param deliveryLog the JSON Lines file every attempt is appended to
 * ({@code ALERT_DELIVERY_LOG})
 */
@ConfigurationProperties("serving.alerts")
public record AlertsProperties(URI webhookUrl, String webhookSecret, @DefaultValue("5") int maxAttempts,
		@DefaultValue("1s") Duration initialBackoff, @DefaultValue("1m") Duration maxBackoff,
		@DefaultValue("5s") Duration timeout, @DefaultValue("data/webhook-deliveries.jsonl") Path deliveryLog) {

	/** Shortest secret accepted: an HMAC key shorter than this is guessable. */
	static final int MIN_SECRET_LENGTH = 16;

	public AlertsProperties {
		if (webhookUrl != null && webhookUrl.toString().isEmpty()) {
			webhookUrl = null;
		}
		if (webhookUrl != null) {
			String scheme = webhookUrl.getScheme();
			if (!("http".equals(scheme) || "https".equals(scheme)) || webhookUrl.getHost() == null) {
				throw new IllegalArgumentException(
						"'serving.alerts.webhook-url' (ALERT_WEBHOOK_URL) must be an http(s) URL with a host");
			}
			if (webhookSecret == null || webhookSecret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalArgumentException("'serving.alerts.webhook-secret' (ALERT_WEBHOOK_SECRET) must be at "
						+ "least " + MIN_SECRET_LENGTH + " characters when a webhook URL is set");
			}
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("'serving.alerts.max-attempts' must be at least 1, got " + maxAttempts);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("'serving.alerts.timeout' must be positive, got " + timeout);
		}
	}

	/**
	 * Whether alerts are sent.
	 * @return {@code true} when a webhook URL is set
	 */
	public boolean enabled() {
		return this.webhookUrl != null;
	}

	/**
	 * The webhook's address without its query, safe to log: a query may carry a token.
	 * @return scheme, host, port and path, or {@code null} without a URL
	 */
	String loggableUrl() {
		if (this.webhookUrl == null) {
			return null;
		}
		String port = (this.webhookUrl.getPort() != -1) ? ":" + this.webhookUrl.getPort() : "";
		String path = (this.webhookUrl.getRawPath() != null) ? this.webhookUrl.getRawPath() : "";
		return this.webhookUrl.getScheme() + "://" + this.webhookUrl.getHost() + port + path;
	}

	// a record prints every component: the secret must never reach a log line
	@Override
	public String toString() {
		return "AlertsProperties[webhookUrl=" + loggableUrl() + ", webhookSecret="
				+ ((this.webhookSecret != null) ? "(set)" : null) + ", maxAttempts=" + this.maxAttempts
				+ ", initialBackoff=" + this.initialBackoff + ", maxBackoff=" + this.maxBackoff + ", timeout="
				+ this.timeout + ", deliveryLog=" + this.deliveryLog + "]";
	}

}
