package dev.pokewatch.serving.app;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ModelUpdateMessage;
import dev.pokewatch.common.testsupport.RedisTestServer;
import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TrainingWorkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServingApiApplication} reloading when the real {@code validate}
 * command promotes a model: a real {@code redis-server}, this application on a random
 * port subscribed to it and serving {@code models/baseline}, and the packaged training
 * jar run as its own process with {@code REDIS_URL}, as an operator or {@code dvc repro}
 * runs it.
 * <p>
 * The training jar runs as a process because serving-api does not (and should not) depend
 * on training-service, so the honest way to use the trainer's own promotion and
 * publishing code is the artifact the reactor builds: {@code make test} runs
 * {@code mvn verify}, which packages training-service before serving-api's tests run.
 * Without the jar (e.g. {@code mvn test} alone) the test is skipped, and fails under
 * {@code CI=true}. The file watcher is off, so only the Redis message can make the
 * application reload. The candidate is written by the test with known holdout metrics, so
 * which side of the gate it lands on does not depend on a training run.
 */
@Tag("integration")
// closed after the class: a cached context would keep reconnecting to the stopped Redis
@DirtiesContext
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false" })
class ValidatePromotionReloadTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

	private static final TrainingWorkspace WORKSPACE = TrainingWorkspace.create("validate-reload");

	private static final Path ROOT = WORKSPACE.root();

	private static final Path BASELINE = TestModels.write(ROOT.resolve("models/baseline"), "champion-v1", 1.0);

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
	void validateWhenGateRefusesShouldPublishNothingAndWhenItPassesShouldReloadOnce() throws Exception {
		Path jar = TestEnvironment.repoRoot().resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar),
				"needs the packaged " + jar + " (mvn verify, or package training-service first)");
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(modelVersion(http)).isEqualTo("champion-v1");
		// champion mape 1.5 + margin 0.5: a candidate at 1.2 passes the default gate
		TestModels.write(ROOT.resolve("models/candidate"), TestModels.standardRows(2.0),
				TestModels.metadata("candidate-v2", new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7,
						Map.of("mape", 1.2, "naive_mape", 3.0, "coverage_rate", 0.95)));
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect();
				StatefulRedisPubSubConnection<String, String> listener = client.connectPubSub()) {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(subscribers(connection)).as("the application subscribed").isOne());
			BlockingQueue<String> messages = new LinkedBlockingQueue<>();
			listener.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					messages.add(message);
				}
			});
			listener.sync().subscribe(ModelUpdateMessage.DEFAULT_CHANNEL);

			Command refused = validate(jar, "gate:\n  mape_max: 1.0\n");
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
			assertThat(refused.output()).contains("mape");
			assertThat(messages.poll(1, TimeUnit.SECONDS)).as("no message on refusal").isNull();
			assertThat(modelVersion(http)).isEqualTo("champion-v1");

			Command passed = validate(jar, "");
			assertThat(passed.exitCode()).as(passed.output()).isZero();
			// this test's listener and the application
			assertThat(passed.output())
				.contains("2 subscriber(s) on Redis channel " + ModelUpdateMessage.DEFAULT_CHANNEL);
			assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("candidate-v2");
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(modelVersion(http)).isEqualTo("candidate-v2"));
			assertThat(messages.poll(500, TimeUnit.MILLISECONDS)).as("exactly one message").isNull();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static long subscribers(StatefulRedisConnection<String, String> connection) {
		return connection.sync()
			.pubsubNumsub(ModelUpdateMessage.DEFAULT_CHANNEL)
			.get(ModelUpdateMessage.DEFAULT_CHANNEL);
	}

	private static String modelVersion(HttpTestClient http) {
		HttpResponse<String> health = http.get("/health");
		assertThat(health.statusCode()).isEqualTo(200);
		return JsonPath.read(health.body(), "$.model_version");
	}

	/**
	 * Runs {@code java -jar training-service.jar validate} with {@code REDIS_URL} set.
	 * @param jar the training jar
	 * @param gate YAML appended to the params file
	 * @return the exit code and the console output
	 */
	private static Command validate(Path jar, String gate) throws IOException, InterruptedException {
		Path params = WORKSPACE.writeParams(gate);
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-jar", jar.toString(), "validate", "--params", params.toString()));
		Path log = ROOT.resolve("validate.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("REDIS_URL", redis.url());
		// file-store tracking in the temporary directory, never a real tracking server
		builder.environment().remove("MLFLOW_TRACKING_URI");
		builder.environment().put("MLFLOW_FILE_STORE_DIR", ROOT.resolve("mlruns").toString());
		Process process = builder.start();
		if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException("validate did not finish in " + COMMAND_TIMEOUT + ":\n" + read(log));
		}
		return new Command(process.exitValue(), read(log));
	}

	private static String read(Path log) throws IOException {
		return Files.readString(log, StandardCharsets.UTF_8);
	}

	private record Command(int exitCode, String output) {
	}

}
