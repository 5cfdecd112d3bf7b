package dev.pokewatch.serving.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.serving.security.ApiKeyHashes;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FailoverRateLimiter} in the whole application on a random port, with
 * API keys and a real {@code redis-server} that is killed with SIGKILL and restarted on
 * the same port while a few client threads keep sending requests: no request fails, the
 * fallback counter counts the one outage, and afterwards the bucket lives in Redis again
 * and is shared with a second replica.
 */
@Tag("integration")
// closed after the class: a cached context would keep reconnecting to the stopped Redis
@DirtiesContext
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true", "serving.security.api-keys=" + RedisRestartUnderLoadTests.KEY,
				"serving.reload.watch=false", "serving.rate-limit.burst=1000000",
				"serving.rate-limit.requests-per-minute=1", "serving.rate-limit.redis-probe-interval=300ms",
				"serving.rate-limit.redis-timeout=5s" })
class RedisRestartUnderLoadTests {

	static final String KEY = "pk_RedisRestartLoadKey000000000000000000000000";

	private static final int THREADS = 4;

	/** Requests each phase (before, during and after the outage) waits for. */
	private static final int REQUESTS_PER_PHASE = 150;

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(20);

	private static final Path ROOT = createRoot();

	private static final Path MODEL_DIR = TestModels.write(ROOT.resolve("baseline"), "v1", 1.0);

	private static RedisTestServer redis;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		redis = RedisTestServer.start();
		registry.add("serving.model-dir", MODEL_DIR::toString);
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
	void predictWhenRedisKilledAndRestartedUnderLoadShouldNeverFailAndFallBackOnce() throws Exception {
		AtomicInteger answered = new AtomicInteger();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> workers = new ArrayList<>();
		try {
			for (int t = 0; t < THREADS; t++) {
				workers.add(pool.submit(() -> {
					// bounded: stops when the scenario is over, never more than 3000
					for (int i = 0; i < 3000 && !stop.get(); i++) {
						try {
							HttpResponse<String> response = predict();
							if (response.statusCode() != 200) {
								failures.add(response.statusCode() + " " + response.body());
							}
						}
						catch (IOException ex) {
							failures.add(ex.toString());
						}
						answered.incrementAndGet();
					}
					return null;
				}));
			}
			awaitRequests(answered, REQUESTS_PER_PHASE);
			assertThat(redisUp()).isOne();

			redis.kill();
			awaitRequests(answered, answered.get() + REQUESTS_PER_PHASE);
			assertThat(redisUp()).as("on local buckets").isZero();

			redis.restart();
			// requests drive the probe, at most one every 300 ms
			await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> redisUp() == 1);
			awaitRequests(answered, answered.get() + REQUESTS_PER_PHASE);
		}
		finally {
			stop.set(true);
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
			pool.shutdownNow();
		}
		assertThat(failures).as("failed of %d requests", answered.get()).isEmpty();
		assertThat(fallbacks()).as("one outage, one fallback").isEqualTo(1.0);
		assertSharedWithAnotherReplica();
	}

	/**
	 * The restarted (empty) Redis holds the key's bucket again, and a second replica on
	 * the same Redis takes tokens from it.
	 */
	private void assertSharedWithAnotherReplica() throws Exception {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect();
				RateLimitTestApplication.Replica other = RateLimitTestApplication.start(
						"--serving.security.api-keys=" + KEY, "--spring.data.redis.url=" + redis.url(),
						"--serving.rate-limit.burst=1000000", "--serving.rate-limit.requests-per-minute=1")) {
			assertThat(connection.sync().keys("pokewatch:ratelimit:*"))
				.containsExactly("pokewatch:ratelimit:key:" + ApiKeyHashes.sha256Hex(KEY));
			long before = remaining(predict());
			for (int i = 0; i < 5; i++) {
				assertThat(other.mvc()
					.post()
					.uri("/predict")
					.header("X-API-Key", KEY)
					.exchange()
					.getResponse()
					.getStatus()).isEqualTo(200);
			}
			// five requests on the other replica, one here; at one token a minute the
			// refill can add at most one between the two reads
			assertThat(remaining(predict())).isBetween(before - 6, before - 5);
			assertThat(fallbacks(other.meterRegistry())).isZero();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private HttpResponse<String> predict() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/predict"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-API-Key", KEY)
			.POST(HttpRequest.BodyPublishers.ofString("{\"card_id\":\"" + TestModels.CARD_A + "\"}"))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static long remaining(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return Long.parseLong(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
	}

	private static void awaitRequests(AtomicInteger answered, int atLeast) {
		await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> answered.get() >= atLeast);
	}

	private double redisUp() {
		return this.meterRegistry.get("pokewatch.ratelimit.redis.up").gauge().value();
	}

	private double fallbacks() {
		return fallbacks(this.meterRegistry);
	}

	private static double fallbacks(MeterRegistry registry) {
		return registry.get("pokewatch.ratelimit.redis.fallback").counter().count();
	}

	private static Path createRoot() {
		try {
			return Files.createTempDirectory("redis-restart-load");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
