package dev.pokewatch.serving.app;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TrainingWorkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica with its own model files and the online feature store: a card's latest day
 * comes from the store when it has the card, from the local model when it does not, when
 * a day is asked for, and when Redis is gone, never as an error.
 */
@Tag("integration")
@DirtiesContext
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false",
				"serving.online-features.enabled=true", "serving.online-features.pointer-refresh=100ms",
				"spring.data.redis.timeout=300ms" })
class OnlineFeaturesFallbackTests {

	private static final TrainingWorkspace WORKSPACE = TrainingWorkspace.create("online-fallback");

	private static final Path ROOT = WORKSPACE.root();

	private static final Path BASELINE = TestModels.write(ROOT.resolve("models/baseline"), "local-v1", 1.0);

	private static RedisTestServer redis;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		redis = RedisTestServer.start();
		registry.add("serving.model-dir", BASELINE::toString);
		registry.add("spring.data.redis.url", redis::url);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		if (redis != null) {
			redis.close();
		}
		TestModels.deleteRecursively(ROOT);
	}

	@Test
	void predictShouldPreferTheStoreAndFallBackToTheLocalModel(@Autowired MeterRegistry meters) throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		// the store holds CARD_A only, at a newer day and price than the local model
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			String prefix = OnlineFeatures.DEFAULT_PREFIX;
			ModelMetadata metadata = TestModels.metadata("online-v9", new ModelMetadata.Thresholds(0.10, 0.15, 2.0),
					null, 7, Map.of());
			commands.set(OnlineFeatures.metadataKey(prefix, "online-v9"),
					JsonMapper.builder().build().writeValueAsString(metadata));
			commands.hset(OnlineFeatures.cardKey(prefix, "online-v9", TestModels.CARD_A),
					new OnlineFeatures.Card(TestModels.CARD_A, "Card A", "Set", "holo", LocalDate.of(2025, 11, 30),
							80.0, 100.0, 0.05, false)
						.toHash());
			commands.set(OnlineFeatures.currentKey(prefix), "online-v9");
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}

		HttpResponse<String> online = predict(http, "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
		assertThat(read(online, "$.model_version")).isEqualTo("online-v9");
		assertThat(read(online, "$.date")).isEqualTo("2025-11-30");
		assertThat(read(online, "$.signal")).isEqualTo("BUY");
		assertThat(read(predict(http, "{\"card_id\":\"" + TestModels.CARD_C + "\"}"), "$.model_version"))
			.as("a card the store lacks")
			.isEqualTo("local-v1");
		assertThat(read(predict(http, "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-24\"}"),
				"$.model_version"))
			.as("a day asked for")
			.isEqualTo("local-v1");
		assertThat(predict(http, "{\"card_id\":\"no_such_card\"}").statusCode()).isEqualTo(404);
		assertThat(lookups(meters, "found")).isEqualTo(1.0);
		assertThat(lookups(meters, "missing")).isEqualTo(2.0);
		assertThat(read(http.get("/health"), "$.online_model_version")).isEqualTo("online-v9");

		RedisTestServer stopped = redis;
		redis = null;
		stopped.close();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HttpResponse<String> fallback = predict(http, "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
			assertThat(fallback.statusCode()).isEqualTo(200);
			assertThat(read(fallback, "$.model_version")).isEqualTo("local-v1");
		});
		assertThat(lookups(meters, "unavailable")).isPositive();
	}

	private static double lookups(MeterRegistry meters, String outcome) {
		return meters.get(MeterNames.ONLINE_FEATURE_LOOKUPS).tag("outcome", outcome).counter().count();
	}

	private static HttpResponse<String> predict(HttpTestClient http, String body) {
		HttpResponse<String> response = http.postJson("/predict", body);
		assertThat(response.statusCode()).as(response.body()).isIn(200, 404);
		return response;
	}

	private static String read(HttpResponse<String> response, String path) {
		return JsonPath.read(response.body(), path);
	}

}
