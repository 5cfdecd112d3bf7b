package dev.pokewatch.serving.app;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TrainingJar;
import dev.pokewatch.serving.support.TrainingWorkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServingApiApplication} serving {@code /predict} under concurrent load
 * while the production promotion runs {@value #PROMOTIONS} times: each time the packaged
 * training jar's {@code validate} passes the gate, swaps the candidate into
 * {@code models/baseline}, publishes the new version on a real {@code redis-server}, and
 * this application, subscribed on a random port, reloads.
 * <p>
 * {@code validate} is the packaged jar's own code, launched whole (Spring context,
 * picocli, Redis publisher) but in this JVM through {@link TrainingJar}: twenty
 * {@code java -jar} starts cost several seconds each, and serving-api cannot put
 * training-service on its class path. The process launch itself is covered once by
 * {@link ValidatePromotionReloadTests}. The file watcher is off, so only the Redis
 * message can make the application reload, and the number of reloads can be compared with
 * the number of promotions. Candidate {@code vN} answers a fair price of {@code 100 * N},
 * so an answer mixing two models would show as a version with a foreign price. Without
 * the jar (e.g. {@code mvn test} alone) the test is skipped, and fails under
 * {@code CI=true}.
 */
@Tag("integration")
// closed after the class: a cached context would keep reconnecting to the stopped Redis
@DirtiesContext
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false",
				"serving.rate-limit.requests-per-minute=100000000", "serving.rate-limit.burst=100000000" })
class PromotionReloadUnderLoadTests {

	private static final int PROMOTIONS = 20;

	private static final int CLIENTS = 3;

	private static final TrainingWorkspace WORKSPACE = TrainingWorkspace.create("promotion-reload-under-load");

	private static final Path ROOT = WORKSPACE.root();

	private static final Path BASELINE = TestModels.write(ROOT.resolve("models/baseline"), "v1", 1.0);

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
	static void stopRedis() throws Exception {
		if (redis != null) {
			redis.close();
		}
		TestModels.deleteRecursively(ROOT);
	}

	@Test
	void predictWhenPromotedTwentyTimesUnderLoadShouldNeverFailNorMixModelsAndReloadOncePerPromotion(
			@Autowired MeterRegistry meterRegistry) throws Exception {
		Path jar = TestEnvironment.repoRoot().resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar),
				"needs the packaged " + jar + " (mvn verify, or package training-service first)");
		HttpTestClient http = new HttpTestClient(this.port);
		awaitSubscribed();
		Path params = WORKSPACE.writeParams("");
		Map<String, Set<Double>> fairByVersion = new ConcurrentHashMap<>();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<Integer>> workers = new ArrayList<>();
		List<Long> promotionMillis = new ArrayList<>();
		try (TrainingJar training = TrainingJar.load(jar, ROOT.resolve("training-jar"))) {
			for (int c = 0; c < CLIENTS; c++) {
				workers.add(clients.submit(() -> predictUntil(stop, http, fairByVersion, failures)));
			}
			for (int i = 2; i <= PROMOTIONS + 1; i++) {
				String version = "v" + i;
				writeCandidate(version, i);
				long started = System.nanoTime();
				assertThat(training.run(WORKSPACE.validateArgs(params, redis.url())))
					.as("validate exit code for " + version)
					.isZero();
				await().atMost(Duration.ofSeconds(15))
					.pollInterval(Duration.ofMillis(20))
					.untilAsserted(() -> assertThat(modelVersion(http)).isEqualTo(version));
				promotionMillis.add((System.nanoTime() - started) / 1_000_000);
			}
		}
		finally {
			stop.set(true);
			clients.shutdown();
		}
		int requests = 0;
		for (Future<Integer> worker : workers) {
			requests += worker.get();
		}
		assertThat(failures).as("failed requests out of %d", requests).isEmpty();
		assertThat(requests).isGreaterThan(PROMOTIONS * CLIENTS);
		assertThat(fairByVersion).containsKey("v" + (PROMOTIONS + 1));
		fairByVersion.forEach((version, fairs) -> assertThat(fairs).as("fair prices answered with model %s", version)
			.containsExactly(100.0 * Integer.parseInt(version.substring(1))));
		assertThat(reloads(meterRegistry, "success")).as("reloads after %d promotions", PROMOTIONS)
			.isEqualTo(PROMOTIONS);
		assertThat(reloads(meterRegistry, "failure")).isZero();
		System.out.println("PromotionReloadUnderLoadTests: " + requests + " requests, " + fairByVersion.size()
				+ " versions answered, promotion to served (ms): " + promotionMillis);
	}

	/**
	 * One client: posts {@code /predict} until told to stop, recording every non-200
	 * answer and connection error, and the fair price each model version answered.
	 */
	private static int predictUntil(AtomicBoolean stop, HttpTestClient http, Map<String, Set<Double>> fairByVersion,
			List<String> failures) {
		int requests = 0;
		// bounded even if the promotions hang: never more than 20000 per client
		while (!stop.get() && requests < 20_000) {
			requests++;
			HttpResponse<String> response;
			try {
				response = http.postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
			}
			catch (RuntimeException ex) {
				failures.add("connection: " + ex.getMessage());
				continue;
			}
			if (response.statusCode() != 200) {
				failures.add(response.statusCode() + " " + response.body());
				continue;
			}
			fairByVersion
				.computeIfAbsent(JsonPath.read(response.body(), "$.model_version"),
						(v) -> ConcurrentHashMap.newKeySet())
				.add(JsonPath.<Double>read(response.body(), "$.fair_price"));
		}
		return requests;
	}

	private static double reloads(MeterRegistry meterRegistry, String outcome) {
		Counter counter = meterRegistry.find(MeterNames.MODEL_RELOADS)
			.tag("trigger", "redis")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Waits for the application's subscription: a message published before it would be
	 * lost, as in production.
	 */
	private static void awaitSubscribed() {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(connection.sync()
					.pubsubNumsub(ModelUpdateMessage.DEFAULT_CHANNEL)
					.get(ModelUpdateMessage.DEFAULT_CHANNEL)).as("the application subscribed").isOne());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/**
	 * A candidate that passes the default gate against the previous one (mape 1.2 is
	 * within the margin of any champion at 1.2 or 1.5), fair prices scaled by
	 * {@code factor}.
	 */
	private static void writeCandidate(String version, int factor) {
		TestModels.deleteRecursively(ROOT.resolve("models/candidate"));
		TestModels.write(ROOT.resolve("models/candidate"), TestModels.standardRows(factor),
				TestModels.metadata(version, new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7,
						Map.of("mape", 1.2, "naive_mape", 3.0, "coverage_rate", 0.95)));
	}

	private static String modelVersion(HttpTestClient http) {
		return JsonPath.read(http.get("/health").body(), "$.model_version");
	}

}
