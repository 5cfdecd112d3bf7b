package dev.pokewatch.serving.app;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TrainingJar;
import dev.pokewatch.serving.support.TrainingWorkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A serving replica without model files, reading the Redis online feature store: before
 * any promotion it has nothing to answer with (503); once the packaged training jar's
 * {@code validate} promotes a model with {@code REDIS_URL}, the replica answers each
 * card's latest day from the hashes {@code validate} wrote, with that model's rule, and
 * its {@code /health} says so. What needs a card's history (a {@code date}) still needs
 * model files.
 */
@Tag("integration")
@DirtiesContext
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false",
				"serving.online-features.enabled=true", "serving.online-features.pointer-refresh=100ms" })
class OnlineFeaturesReplicaTests {

	private static final TrainingWorkspace WORKSPACE = TrainingWorkspace.create("online-replica");

	private static final Path ROOT = WORKSPACE.root();

	private static RedisTestServer redis;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		redis = RedisTestServer.start();
		// a directory with no model in it: this replica has no model files
		registry.add("serving.model-dir", () -> ROOT.resolve("replica/models/baseline").toString());
		registry.add("spring.data.redis.url", redis::url);
	}

	@AfterAll
	static void stopRedis() throws Exception {
		if (redis != null) {
			redis.close();
		}
		TestModels.deleteRecursively(ROOT);
	}

	@Test
	void predictWhenOnlyTheOnlineStoreHasTheModelShouldAnswerLatestDaysFromIt() throws Exception {
		Path jar = TestEnvironment.repoRoot().resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar),
				"needs the packaged " + jar + " (mvn verify, or package training-service first)");
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.get("/health").statusCode()).isEqualTo(503);
		assertThat(predict(http, TestModels.CARD_A).statusCode()).isEqualTo(503);

		// fair prices x2: CARD_A 130 against 200, CARD_C 10 against 20
		TestModels.write(ROOT.resolve("models/candidate"), TestModels.standardRows(2.0),
				TestModels.metadata("online-v2", new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7,
						Map.of("mape", 1.2, "naive_mape", 3.0, "coverage_rate", 0.95)));
		try (TrainingJar training = TrainingJar.load(jar, ROOT.resolve("training-jar"))) {
			assertThat(training.run(WORKSPACE.validateArgs(WORKSPACE.writeParams(""), redis.url()))).isZero();
		}

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HttpResponse<String> health = http.get("/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(health.body(), "$.online_model_version")).isEqualTo("online-v2");
			assertThat((Boolean) JsonPath.read(health.body(), "$.model_loaded")).isFalse();
		});
		HttpResponse<String> a = predict(http, TestModels.CARD_A);
		assertThat(a.statusCode()).isEqualTo(200);
		assertThat(read(a, "$.model_version")).isEqualTo("online-v2");
		assertThat(read(a, "$.date")).isEqualTo("2025-11-24");
		assertThat((Double) JsonPath.read(a.body(), "$.market_price")).isEqualTo(130.0);
		assertThat((Double) JsonPath.read(a.body(), "$.fair_price")).isEqualTo(200.0);
		assertThat(read(a, "$.signal")).isEqualTo("BUY");
		HttpResponse<String> b = predict(http, TestModels.CARD_B);
		assertThat(read(b, "$.signal")).isEqualTo("HOLD");
		assertThat((Boolean) JsonPath.read(b.body(), "$.outlier")).isTrue();
		assertThat(read(b, "$.note")).contains("outlier");
		// a card without a market price is not in the store, nor is an unknown one
		assertThat(predict(http, TestModels.CARD_NO_MARKET).statusCode()).isEqualTo(404);
		assertThat(predict(http, "no_such_card").statusCode()).isEqualTo(404);
		// a past day needs the card's history: the model files
		assertThat(http.postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-21\"}")
			.statusCode()).isEqualTo(503);
	}

	private static HttpResponse<String> predict(HttpTestClient http, String cardId) {
		return http.postJson("/predict", "{\"card_id\":\"" + cardId + "\"}");
	}

	private static String read(HttpResponse<String> response, String path) {
		return JsonPath.read(response.body(), path);
	}

}
