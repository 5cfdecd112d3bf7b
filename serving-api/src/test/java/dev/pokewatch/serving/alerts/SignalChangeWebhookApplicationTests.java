package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the signal-change webhook through the whole application: a key watches cards over
 * HTTP, a promotion is reloaded by {@code POST /admin/reload}, and a local receiver gets
 * one signed alert per changed card while the delivery log records each attempt.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true",
				"serving.security.api-keys=" + SignalChangeWebhookApplicationTests.KEY,
				"serving.security.admin-api-keys=" + SignalChangeWebhookApplicationTests.ADMIN_KEY,
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000",
				"serving.reload.watch=false",
				"serving.alerts.webhook-secret=" + SignalChangeWebhookApplicationTests.SECRET,
				"serving.alerts.initial-backoff=20ms" })
class SignalChangeWebhookApplicationTests {

	static final String KEY = "pk_webhook-client-key-0123456789abcdefghijk";

	static final String ADMIN_KEY = "pk_webhook-admin-key-0123456789abcdefghijkl";

	static final String SECRET = "whsec-application-0123456789";

	private static final Path DIR = createDir();

	// the first answer fails, so the log shows a retry before the delivery
	private static final WebhookReceiver RECEIVER = new WebhookReceiver(SECRET, 503);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir",
				() -> TestModels
					.write(DIR.resolve("baseline"), TestModels.dispersionRows(), TestModels.dispersionMetadata("v1"))
					.toString());
		registry.add("serving.watchlist.file", () -> DIR.resolve("watchlists.json").toString());
		registry.add("serving.alerts.delivery-log", () -> DIR.resolve("deliveries.jsonl").toString());
		registry.add("serving.alerts.webhook-url", () -> RECEIVER.url().toString());
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.close();
	}

	@Test
	void promotionWhenWatchedCardChangesSignalShouldDeliverASignedAlertAfterARetry() throws IOException {
		assertThat(send(KEY, "PUT", "/watchlist/z_buy_strong").statusCode()).isEqualTo(200);
		assertThat(send(KEY, "PUT", "/watchlist/z_sell").statusCode()).isEqualTo(200);

		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (ServedFeaturesCodec.Row row : TestModels.dispersionRows()) {
			rows.add(row.cardId().equals("z_buy_strong") ? TestModels.row(row.cardId(), row.cardName(), row.category(),
					row.date().toString(), 100.0, 101.0, 0.05, false) : row);
		}
		TestModels.write(DIR.resolve("baseline"), rows, TestModels.dispersionMetadata("v2"));
		assertThat(send(ADMIN_KEY, "POST", "/admin/reload").statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(15)).until(() -> RECEIVER.received().size() == 2);
		assertThat(RECEIVER.received()).allSatisfy((request) -> {
			assertThat(request.validSignature()).isTrue();
			assertThat(JsonPath.<String>read(request.body(), "$.card_id")).isEqualTo("z_buy_strong");
			assertThat(JsonPath.<String>read(request.body(), "$.previous_signal")).isEqualTo("BUY");
			assertThat(JsonPath.<String>read(request.body(), "$.signal")).isEqualTo("HOLD");
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readAllLines(DIR.resolve("deliveries.jsonl")).size() == 2);
		assertThat(Files.readAllLines(DIR.resolve("deliveries.jsonl")))
			.extracting((line) -> JsonPath.<String>read(line, "$.outcome"))
			.containsExactly("retrying", "delivered");
		assertThat(Files.readString(DIR.resolve("deliveries.jsonl"))).doesNotContain(SECRET).doesNotContain("t0k3n");
	}

	private HttpResponse<String> send(String key, String method, String path) {
		HttpTestClient http = new HttpTestClient(this.port);
		return http.send(http.request(path)
			.header("X-API-Key", key)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static Path createDir() {
		try {
			return Files.createTempDirectory("webhook-app");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
