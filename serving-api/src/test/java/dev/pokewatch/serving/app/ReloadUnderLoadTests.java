package dev.pokewatch.serving.app;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TrainingWorkspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServingApiApplication} reloading while it serves: no request fails and
 * every answer comes from one consistent model.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.rate-limit.requests-per-minute=100000000",
				"serving.rate-limit.burst=100000000", "serving.reload.poll-interval=100ms" })
class ReloadUnderLoadTests {

	private static final TrainingWorkspace WORKSPACE = TrainingWorkspace.create("reload-under-load");

	private static final Path ROOT = WORKSPACE.root();

	private static final Path MODEL_DIR = TestModels.write(ROOT.resolve("baseline"), "v1", 1.0);

	private static final int THREADS = 6;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void predictWhenModelIsReplacedAndReloadedRepeatedlyShouldNeverFailOrMixModels() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		Map<String, Set<Double>> fairByVersion = new ConcurrentHashMap<>();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<Integer>> workers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			workers.add(pool.submit(() -> {
				int requests = 0;
				// bounded: stops when the reloads are done, and never exceeds 2000 per
				// thread
				while (!stop.get() && requests < 2000) {
					HttpResponse<String> response = http.postJson("/predict",
							"{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-24\"}");
					requests++;
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
			}));
		}
		try {
			for (int i = 2; i <= 7; i++) {
				String version = "v" + i;
				TestModels.replaceByRename(MODEL_DIR, version, i);
				if (i % 2 == 0) {
					assertThat(http
						.send(http.request("/admin/reload")
							.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
							.build())
						.statusCode()).isEqualTo(200);
				}
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(
							() -> assertThat(JsonPath.<String>read(http.get("/health").body(), "$.model_version"))
								.isEqualTo(version));
				Thread.sleep(100);
			}
		}
		finally {
			stop.set(true);
			pool.shutdown();
		}
		int total = 0;
		for (Future<Integer> worker : workers) {
			total += worker.get();
		}
		assertThat(failures).isEmpty();
		assertThat(total).isGreaterThan(THREADS);
		assertThat(fairByVersion).containsKey("v7");
		assertThat(fairByVersion.size()).isGreaterThanOrEqualTo(2);
		fairByVersion.forEach((version, fairs) -> {
			double factor = Double.parseDouble(version.substring(1));
			assertThat(fairs).as("fair prices answered with model %s", version).containsExactly(100.0 * factor);
		});
	}

	@Test
	void reloadWhenMetadataIsCorruptShouldKeepModelAndRecoverOnFileChange() {
		HttpTestClient http = new HttpTestClient(this.port);
		String served = JsonPath.read(http.get("/health").body(), "$.model_version");
		TestModels.corruptMetadata(MODEL_DIR);
		HttpResponse<String> reload = http
			.send(http.request("/admin/reload").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
		assertThat(reload.statusCode()).isEqualTo(409);
		assertThat(JsonPath.<String>read(reload.body(), "$.detail")).contains("model_metadata.json")
			.contains("still serving model version '" + served + "'");
		assertThat(http.postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\"}").statusCode())
			.isEqualTo(200);
		// the watcher also saw the corrupt file and failed; writing a good model reloads
		// without any request
		TestModels.write(MODEL_DIR, "v9", 9.0);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(http.get("/health").body(), "$.model_version"))
				.isEqualTo("v9"));
		assertThat(JsonPath.<Double>read(
				http.postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\"}").body(), "$.fair_price"))
			.isEqualTo(900.0);
	}

}
