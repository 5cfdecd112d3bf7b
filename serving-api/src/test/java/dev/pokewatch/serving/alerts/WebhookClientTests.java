package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.signal.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookClient} against a local receiver that checks the signature.
 */
class WebhookClientTests {

	private static final String SECRET = "whsec-0123456789abcdef";

	@TempDir
	private Path dir;

	@Test
	void deliverWhenReceiverChecksSignatureShouldBeAcceptedAndLogged() throws IOException {
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
			assertThat(client(receiver.url(), SECRET).deliver(alert())).isTrue();
			assertThat(receiver.received()).singleElement().satisfies((request) -> {
				assertThat(request.validSignature()).isTrue();
				assertThat(request.deliveryId()).isEqualTo("d-1");
				assertThat(JsonPath.<String>read(request.body(), "$.card_id")).isEqualTo("card-1");
				assertThat(JsonPath.<String>read(request.body(), "$.previous_signal")).isEqualTo("HOLD");
				assertThat(JsonPath.<String>read(request.body(), "$.signal")).isEqualTo("BUY");
			});
			List<String> log = log();
			assertThat(log).singleElement().satisfies((line) -> {
				assertThat(JsonPath.<String>read(line, "$.outcome")).isEqualTo("delivered");
				assertThat(JsonPath.<Integer>read(line, "$.status")).isEqualTo(200);
				assertThat(JsonPath.<String>read(line, "$.delivery_id")).isEqualTo("d-1");
			});
			assertThat(String.join("\n", log)).doesNotContain("t0k3n").doesNotContain(SECRET);
		}
	}

	@Test
	void deliverWhenSecretDiffersShouldBeRejectedByReceiverAndNotRetried() throws IOException {
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
			assertThat(client(receiver.url(), "another-secret-0123456789").deliver(alert())).isFalse();
			assertThat(receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.validSignature()).isFalse());
			assertThat(log()).singleElement()
				.satisfies((line) -> assertThat(JsonPath.<String>read(line, "$.outcome")).isEqualTo("failed"));
		}
	}

	@Test
	void deliverWhenReceiverFailsTwiceShouldRetryWithTheSameDeliveryAndLogEveryAttempt() throws IOException {
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 503, 500)) {
			assertThat(client(receiver.url(), SECRET).deliver(alert())).isTrue();
			assertThat(receiver.received()).hasSize(3)
				.allSatisfy((request) -> assertThat(request.validSignature()).isTrue())
				.extracting(WebhookReceiver.Received::deliveryId)
				.containsOnly("d-1");
			assertThat(log()).extracting((line) -> JsonPath.<String>read(line, "$.outcome"))
				.containsExactly("retrying", "retrying", "delivered");
			assertThat(log()).extracting((line) -> JsonPath.<Integer>read(line, "$.attempt")).containsExactly(1, 2, 3);
		}
	}

	@Test
	void deliverWhenReceiverKeepsFailingShouldGiveUpAfterMaxAttempts() throws IOException {
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 503, 503, 503, 503)) {
			assertThat(client(receiver.url(), SECRET).deliver(alert())).isFalse();
			assertThat(receiver.received()).hasSize(3);
			assertThat(log()).extracting((line) -> JsonPath.<String>read(line, "$.outcome"))
				.containsExactly("retrying", "retrying", "failed");
		}
	}

	@Test
	void deliverWhenNothingListensShouldRetryAndLogTheNetworkError() throws IOException {
		URI closed;
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
			closed = receiver.url();
		}
		assertThat(client(closed, SECRET).deliver(alert())).isFalse();
		assertThat(log()).hasSize(3).allSatisfy((line) -> assertThat(line).contains("ConnectException"));
	}

	private WebhookClient client(URI url, String secret) {
		AlertsProperties properties = new AlertsProperties(url, secret, 3, Duration.ofMillis(20),
				Duration.ofMillis(100), Duration.ofSeconds(2), this.dir.resolve("deliveries.jsonl"));
		return new WebhookClient(properties, new DeliveryLog(properties.deliveryLog()), Clock.systemUTC());
	}

	private List<String> log() throws IOException {
		return Files.readAllLines(this.dir.resolve("deliveries.jsonl"));
	}

	private static SignalChangeAlert alert() {
		return new SignalChangeAlert(SignalChangeAlert.EVENT, "d-1", Instant.parse("2026-11-30T06:00:00Z"), "card-1",
				"Card One", LocalDate.parse("2026-11-29"), Signal.HOLD, Signal.BUY, 10.0, 12.0, 3.1, "v1", "v2",
				List.of("a648edf3"));
	}

}
