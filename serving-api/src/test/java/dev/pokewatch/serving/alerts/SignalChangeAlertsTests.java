package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.security.ApiKeyHashes;
import dev.pokewatch.serving.servedmodel.ModelSwappedEvent;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;
import dev.pokewatch.serving.watchlist.WatchlistStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SignalChangeAlerts}: a promotion by the real {@link ServedModelHolder}
 * sends one signed webhook per watched card whose latest signal changed.
 */
class SignalChangeAlertsTests {

	private static final String SECRET = "whsec-0123456789abcdef";

	private static final String OWNER = ApiKeyHashes.sha256Hex("pk_alerts-owner-key");

	@TempDir
	private Path dir;

	@Test
	void promotionWhenWatchedCardsChangeSignalShouldSendOneSignedAlertPerChangedCard() throws IOException {
		Path modelDir = TestModels.write(this.dir.resolve("baseline"), TestModels.dispersionRows(),
				TestModels.dispersionMetadata("v1"));
		try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
			SignalChangeAlerts alerts = alerts(receiver,
					Map.of(OWNER, Set.of("z_buy_strong", "z_hold", "z_sell", "z_gone")));
			ServedModelHolder holder = new ServedModelHolder(TestProperties.of(modelDir), new SimpleMeterRegistry());
			holder.setApplicationEventPublisher((event) -> alerts.onModelSwapped((ModelSwappedEvent) event));
			assertThat(holder.reload("startup").success()).isTrue();
			assertThat(receiver.received()).as("no alert for the first load").isEmpty();

			TestModels.write(modelDir, promotedRows(), TestModels.dispersionMetadata("v2"));
			assertThat(holder.reload("file").success()).isTrue();

			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
			assertThat(receiver.received()).allSatisfy((request) -> assertThat(request.validSignature()).isTrue());
			List<String> bodies = receiver.received().stream().map(WebhookReceiver.Received::body).toList();
			assertThat(bodies).extracting((body) -> JsonPath.<String>read(body, "$.card_id"))
				.containsExactly("z_buy_strong", "z_hold");
			assertThat(bodies.get(0)).satisfies((body) -> {
				assertThat(JsonPath.<String>read(body, "$.previous_signal")).isEqualTo("BUY");
				assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("HOLD");
				assertThat(JsonPath.<String>read(body, "$.previous_model_version")).isEqualTo("v1");
				assertThat(JsonPath.<String>read(body, "$.model_version")).isEqualTo("v2");
				assertThat(JsonPath.<List<String>>read(body, "$.watchers"))
					.containsExactly(ApiKeyHashes.fingerprint(OWNER));
			});
			assertThat(JsonPath.<String>read(bodies.get(1), "$.signal")).isEqualTo("BUY");
			alerts.destroy();
		}
	}

	@Test
	void promotionWhenNoWebhookIsConfiguredShouldSendNothing() {
		Path modelDir = TestModels.write(this.dir.resolve("baseline"), TestModels.dispersionRows(),
				TestModels.dispersionMetadata("v1"));
		AlertsProperties off = new AlertsProperties(null, null, 3, Duration.ofMillis(20), Duration.ofMillis(100),
				Duration.ofSeconds(2), this.dir.resolve("deliveries.jsonl"));
		SignalChangeAlerts alerts = new SignalChangeAlerts(off, store(Map.of(OWNER, Set.of("z_buy_strong"))));
		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(modelDir), new SimpleMeterRegistry());
		holder.setApplicationEventPublisher((event) -> alerts.onModelSwapped((ModelSwappedEvent) event));
		holder.reload("startup");
		TestModels.write(modelDir, promotedRows(), TestModels.dispersionMetadata("v2"));
		holder.reload("file");
		alerts.destroy();
		assertThat(Files.exists(this.dir.resolve("deliveries.jsonl"))).isFalse();
	}

	// z_buy_strong falls to HOLD, z_hold rises to BUY, z_sell stays SELL
	private static List<ServedFeaturesCodec.Row> promotedRows() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (ServedFeaturesCodec.Row row : TestModels.dispersionRows()) {
			if (row.cardId().equals("z_buy_strong")) {
				rows.add(TestModels.row(row.cardId(), row.cardName(), row.category(), row.date().toString(), 100.0,
						101.0, 0.05, false));
			}
			else if (row.cardId().equals("z_hold")) {
				rows.add(TestModels.row(row.cardId(), row.cardName(), row.category(), row.date().toString(), 100.0,
						125.0, 0.05, false));
			}
			else {
				rows.add(row);
			}
		}
		return rows;
	}

	private SignalChangeAlerts alerts(WebhookReceiver receiver, Map<String, Set<String>> watchlists) {
		AlertsProperties properties = new AlertsProperties(receiver.url(), SECRET, 3, Duration.ofMillis(20),
				Duration.ofMillis(100), Duration.ofSeconds(2), this.dir.resolve("deliveries.jsonl"));
		return new SignalChangeAlerts(properties, store(watchlists));
	}

	private static WatchlistStore store(Map<String, Set<String>> watchlists) {
		return new WatchlistStore() {

			@Override
			public Set<String> cards(String owner) {
				return watchlists.getOrDefault(owner, Set.of());
			}

			@Override
			public boolean add(String owner, String cardId, int maxCards) {
				throw new UnsupportedOperationException();
			}

			@Override
			public boolean remove(String owner, String cardId) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Map<String, Set<String>> all() {
				return watchlists;
			}

		};
	}

}
