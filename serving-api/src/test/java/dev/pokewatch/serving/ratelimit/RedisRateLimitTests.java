package dev.pokewatch.serving.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.pokewatch.serving.security.ApiKeyHashes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.pokewatch.common.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisRateLimiter} and {@link FailoverRateLimiter} against a real
 * {@code redis-server}, with two replicas (two Spring contexts, each with Boot's own
 * Lettuce connection factory) sharing one limit.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("integration")
class RedisRateLimitTests {

	private static final String KEY = "pk_RedisSharedKey0000000000000000000000000000";

	private static final String OTHER_KEY = "pk_RedisProbeKey00000000000000000000000000000";

	private RedisTestServer redis;

	private RateLimitTestApplication.Replica replicaA;

	private RateLimitTestApplication.Replica replicaB;

	@BeforeEach
	void startRedisAndReplicas() throws Exception {
		this.redis = RedisTestServer.start();
		String[] args = { "--serving.security.api-keys=" + KEY + "," + OTHER_KEY,
				"--spring.data.redis.url=" + this.redis.url(), "--serving.rate-limit.burst=5",
				"--serving.rate-limit.requests-per-minute=1", "--serving.rate-limit.redis-probe-interval=300ms",
				// Generous, so a loaded test machine cannot fake an outage; a killed
				// server is detected by refused connections, not by the timeout.
				"--serving.rate-limit.redis-timeout=5s" };
		this.replicaA = RateLimitTestApplication.start(args);
		this.replicaB = RateLimitTestApplication.start(args);
	}

	@AfterEach
	void stop() throws Exception {
		if (this.replicaA != null) {
			this.replicaA.close();
		}
		if (this.replicaB != null) {
			this.replicaB.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void replicasWhenRedisUpShouldShareOneLimitInExpiringRedisKeys() {
		assertSharedLimit(this.replicaA.mvc(), this.replicaB.mvc());
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			List<String> keys = connection.sync().keys("pokewatch:ratelimit:*");
			String expected = "pokewatch:ratelimit:key:" + ApiKeyHashes.sha256Hex(KEY);
			assertThat(keys).containsExactly(expected);
			// rpm 1, burst 5: full again after 5 minutes, plus the 10 s margin
			assertThat(connection.sync().pttl(expected)).isPositive()
				.isLessThanOrEqualTo(Duration.ofSeconds(310).toMillis());
			assertThat(String.join(" ", keys)).doesNotContain(KEY);
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void replicasWhenRedisKilledShouldFallBackOnceAndRecoverWhenItReturns(CapturedOutput output) throws Exception {
		MockMvcTester a = this.replicaA.mvc();
		MockMvcTester b = this.replicaB.mvc();
		assertSharedLimit(a, b);

		this.redis.kill();
		for (int i = 0; i < 5; i++) {
			assertThat(status(a, KEY)).as("request %d on local buckets", i).isEqualTo(200);
		}
		assertThat(status(a, KEY)).as("the local bucket still limits").isEqualTo(429);
		assertThat(fallbacks(this.replicaA)).isEqualTo(1);
		assertThat(redisUp(this.replicaA)).isZero();
		String fallbackLine = "Redis rate limiting at " + this.redis.host() + ":" + this.redis.port() + " failed";
		assertThat(FailoverRateLimiterTests.occurrences(output.getAll(), fallbackLine)).isEqualTo(1);

		this.redis.restart();
		// Requests drive the probe (at most one per 300 ms); the other key keeps the
		// shared key's buckets untouched.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			status(a, OTHER_KEY);
			assertThat(redisUp(this.replicaA)).isEqualTo(1);
		});
		assertThat(output)
			.contains("Redis rate limiting at " + this.redis.host() + ":" + this.redis.port() + " is back");
		// The restarted Redis is empty, so the shared key has a full shared bucket again.
		assertSharedLimit(a, b);
		assertThat(fallbacks(this.replicaA)).isEqualTo(1);
		assertThat(fallbacks(this.replicaB)).as("B made no request while Redis was down").isZero();
	}

	@Test
	void firstRequestsWhenConcurrentAgainstHealthyRedisShouldNeverFallBack(CapturedOutput output) throws Exception {
		// the replica has not connected yet: every thread races for the first connection
		int threads = 32;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				MockMvcTester mvc = this.replicaA.mvc();
				statuses.add(pool.submit(() -> {
					start.await();
					return status(mvc, KEY);
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get(30, TimeUnit.SECONDS));
			}
			assertThat(answered).containsOnly(200, 429).filteredOn((status) -> status == 200).hasSize(5);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fallbacks(this.replicaA)).isZero();
		assertThat(redisUp(this.replicaA)).isEqualTo(1);
		assertThat(output.getAll()).doesNotContain("Redis rate limiting at");
		assertThat(status(this.replicaB.mvc(), KEY)).as("the shared bucket is empty").isEqualTo(429);
	}

	/** Five requests split over both replicas use up the shared burst of five. */
	private static void assertSharedLimit(MockMvcTester a, MockMvcTester b) {
		for (int i = 0; i < 3; i++) {
			assertThat(status(a, KEY)).isEqualTo(200);
		}
		for (int i = 0; i < 2; i++) {
			assertThat(status(b, KEY)).isEqualTo(200);
		}
		assertThat(status(b, KEY)).as("B sees A's requests").isEqualTo(429);
		assertThat(status(a, KEY)).as("and A sees B's").isEqualTo(429);
	}

	private static int status(MockMvcTester mvc, String key) {
		return mvc.post().uri("/predict").header("X-API-Key", key).exchange().getResponse().getStatus();
	}

	private static double fallbacks(RateLimitTestApplication.Replica replica) {
		return replica.meterRegistry().get("pokewatch.ratelimit.redis.fallback").counter().count();
	}

	private static double redisUp(RateLimitTestApplication.Replica replica) {
		return replica.meterRegistry().get("pokewatch.ratelimit.redis.up").gauge().value();
	}

}
