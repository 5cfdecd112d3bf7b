package dev.pokewatch.serving.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AotTrainingRun}: the requests of the AOT cache's training run reach
 * the real routes through the key check and the rate limit, and are answered 2xx, and the
 * run ends the application after them (the JVM writes the cache on exit), also when it
 * sends none.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.api-keys=" + AotTrainingRunTests.KEY,
				"serving.rate-limit.requests-per-minute=1000000000", "serving.rate-limit.burst=1000000000" })
class AotTrainingRunTests {

	static final String KEY = "pk_AotTrainingRunTestKey000000000000000000000";

	private static final Path MODEL = TestModels.write(createDirectory(), "aot-v1", 1.0);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL::toString);
	}

	@AfterAll
	static void cleanUp() {
		TestModels.deleteRecursively(MODEL.getParent());
	}

	@Test
	void sendShouldAnswerEveryRequestWith2xxAndServePredictions(@Autowired ServedModelHolder models,
			@Autowired MeterRegistry meters) {
		Environment environment = new MockEnvironment().withProperty("serving.aot-training.requests", "500")
			.withProperty("serving.aot-training.api-key", KEY);
		double before = predictions(meters);

		long failed = new AotTrainingRun(models, environment).send(this.port);

		assertThat(failed).isZero();
		// 495 single predictions and 5 batches of 100
		assertThat(predictions(meters) - before).isEqualTo(485 + 5 * 100);
	}

	@Test
	void readyEventShouldSendTheRequestsAndThenEndTheApplication(@Autowired ServedModelHolder models,
			@Autowired MeterRegistry meters, @Autowired ConfigurableApplicationContext context) throws Exception {
		assertThat(endedAfter(models, context, "50")).isSameAs(context);
		double before = predictions(meters);
		// no requests: a cache of the start alone, and the run still ends (it hung
		// before)
		assertThat(endedAfter(models, context, "0")).isSameAs(context);
		assertThat(predictions(meters)).isEqualTo(before);
	}

	private static ApplicationContext endedAfter(ServedModelHolder models, ConfigurableApplicationContext context,
			String requests) throws Exception {
		Environment environment = new MockEnvironment().withProperty("serving.aot-training.requests", requests)
			.withProperty("serving.aot-training.api-key", KEY);
		CompletableFuture<ApplicationContext> ended = new CompletableFuture<>();
		AotTrainingRun run = new AotTrainingRun(models, environment) {
			@Override
			void exit(ApplicationContext application) {
				ended.complete(application);
			}
		};
		run.onApplicationEvent(
				new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
		return ended.get(30, TimeUnit.SECONDS);
	}

	private static double predictions(MeterRegistry meters) {
		return meters.find(MeterNames.PREDICTIONS).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("aot-training").resolve("models/baseline");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
