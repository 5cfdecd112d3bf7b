package dev.pokewatch.serving.system;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the whole application with a {@code REDIS_URL} (carrying a password) whose
 * Redis does not answer: it starts, serves from local buckets, keeps its container health
 * check green and never prints the password.
 */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false" })
class RedisOutageTests {

	private static final String PASSWORD = "s3cret-redis-pw";

	private static final Path MODEL_DIR = createModel();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
		int closedPort = TestEnvironment.freePort();
		registry.add("spring.data.redis.url", () -> "redis://:" + PASSWORD + "@127.0.0.1:" + closedPort);
	}

	@Test
	void requestsWhenRedisIsDownShouldBeServedAndHealthStayUpWithRedisDegraded(CapturedOutput output) {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> prediction = http.postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
		assertThat(prediction.statusCode()).isEqualTo(200);
		assertThat(prediction.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		HttpResponse<String> health = http.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("DEGRADED");
		assertThat(JsonPath.<String>read(health.body(), "$.components.redis.status")).isEqualTo("DEGRADED");
		assertThat(JsonPath.<String>read(health.body(), "$.components.model.status")).isEqualTo("UP");
		assertThat(output.getAll()).contains("Redis rate limiting at 127.0.0.1:").doesNotContain(PASSWORD);
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("redis-outage").resolve("baseline"), "outage-v1", 1.0);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
