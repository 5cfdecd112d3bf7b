package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlflowModelRegistry}, against a real {@code mlflow server}.
 */
class MlflowModelRegistryTests {

	private MlflowTracker tracker;

	private MlflowModelRegistry registry;

	private MlflowServerApi api;

	@TempDir
	private Path temp;

	private void connectToServer() {
		MlflowTestServer server = MlflowTestServer.get();
		MlflowConnection connection = new MlflowConnection(server.uri(), null, null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(60));
		this.tracker = new MlflowTracker(connection);
		this.registry = new MlflowModelRegistry(connection);
		this.api = new MlflowServerApi(server.uri());
	}

	@Test
	@Tag("integration")
	void registerVersionWhenCalledTwiceForSameRunShouldCreateOneVersion() throws IOException {
		connectToServer();
		String model = modelName();
		TrackedRun run = runWithModel();

		String first = this.registry.registerVersion(model, run);
		String second = this.registry.registerVersion(model, run);

		assertThat(second).isEqualTo(first);
		JsonNode versions = this.api
			.getJson("/api/2.0/mlflow/model-versions/search?filter=" + MlflowServerApi.query("name='" + model + "'"));
		assertThat(versions.path("model_versions")).singleElement().satisfies((version) -> {
			assertThat(version.path("version").asString()).isEqualTo(first);
			assertThat(version.path("run_id").asString()).isEqualTo(run.runId());
			assertThat(version.path("source").asString()).isEqualTo(run.artifactUri() + "/model");
		});
	}

	@Test
	@Tag("integration")
	void setVersionTagsShouldTagOnlyThatVersionOnTheServer() throws IOException {
		connectToServer();
		String model = modelName();
		String v1 = this.registry.registerVersion(model, runWithModel());
		String v2 = this.registry.registerVersion(model, runWithModel());

		this.registry.setVersionTags(model, v2,
				Map.of("gate.outcome", "passed", "served_from", "2026-11-30T03:00:00Z"));

		assertThat(versionTagsOnServer(model, v2)).containsEntry("gate.outcome", "passed")
			.containsEntry("served_from", "2026-11-30T03:00:00Z");
		assertThat(versionTagsOnServer(model, v1)).isEmpty();
	}

	private Map<String, String> versionTagsOnServer(String model, String version) throws IOException {
		JsonNode found = this.api
			.getJson("/api/2.0/mlflow/model-versions/get?name=" + MlflowServerApi.query(model) + "&version=" + version);
		Map<String, String> tags = new TreeMap<>();
		for (JsonNode tag : found.path("model_version").path("tags")) {
			tags.put(tag.path("key").asString(), tag.path("value").asString());
		}
		return tags;
	}

	@Test
	@Tag("integration")
	void setAliasWhenNewerVersionShouldMoveChampion() throws IOException {
		connectToServer();
		String model = modelName();
		String v1 = this.registry.registerVersion(model, runWithModel());
		String v2 = this.registry.registerVersion(model, runWithModel());

		this.registry.setAlias(model, "champion", v1);
		String afterFirst = championOnServer(model);
		this.registry.setAlias(model, "champion", v2);

		assertThat(v2).isNotEqualTo(v1);
		assertThat(afterFirst).isEqualTo(v1);
		assertThat(championOnServer(model)).isEqualTo(v2);
		assertThat(this.registry.versionForAlias(model, "champion")).contains(v2);
	}

	@Test
	@Tag("integration")
	void versionForAliasWhenModelOrAliasMissingShouldBeEmpty() throws IOException {
		connectToServer();
		String model = modelName();
		this.registry.registerVersion(model, runWithModel());

		assertThat(this.registry.versionForAlias(model, "champion")).isEmpty();
		assertThat(this.registry.versionForAlias(modelName(), "champion")).isEmpty();
		assertThat(this.registry.isAvailable()).isTrue();
	}

	@Test
	void registerVersionWhenServerHasNoRegistryShouldThrowRegistryUnavailableAndSkipAliases() {
		String notFound = "{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"Not found\"}";
		try (StubHttpServer stub = new StubHttpServer((n) -> new StubHttpServer.Answer(404, notFound))) {
			MlflowModelRegistry dagshubLike = new MlflowModelRegistry(
					new MlflowConnection(stub.uri().resolve("/owner/repo.mlflow"), "u", "t", null,
							Duration.ofSeconds(2), Duration.ofSeconds(5)));
			MlflowConnection local = new MlflowConnection(stub.uri(), null, null, null, Duration.ofSeconds(2),
					Duration.ofSeconds(5));
			TrackedRun run = new MlflowRun(new MlflowTrackingClient(local), new MlflowRestClient(local), "r1", "1",
					"mlflow-artifacts:/1/r1/artifacts", "loc");

			assertThat(dagshubLike.isAvailable()).isFalse();
			assertThatExceptionOfType(RegistryUnavailableException.class)
				.isThrownBy(() -> dagshubLike.registerVersion("pokewatch-baseline", run))
				.withMessageContaining("no model registry");
			dagshubLike.setAlias("pokewatch-baseline", "champion", "1");
			assertThat(dagshubLike.versionForAlias("pokewatch-baseline", "champion")).isEmpty();
			assertThat(stub.received()).singleElement()
				.satisfies((probe) -> assertThat(probe.path())
					.isEqualTo("/owner/repo.mlflow/api/2.0/mlflow/registered-models/search?max_results=1"));
		}
	}

	@Test
	void isAvailableWhenServerRefusesCredentialsShouldThrowNamingAuth() {
		String denied = "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"bad token\"}";
		try (StubHttpServer stub = new StubHttpServer((n) -> new StubHttpServer.Answer(403, denied))) {
			MlflowModelRegistry registry = new MlflowModelRegistry(
					new MlflowConnection(stub.uri(), "u", "t", null, Duration.ofSeconds(2), Duration.ofSeconds(5)));

			assertThatExceptionOfType(TrackingException.class).isThrownBy(registry::isAvailable)
				.withMessageContaining("PERMISSION_DENIED")
				.withMessageContaining("MLFLOW_TRACKING_USERNAME");
		}
	}

	private String championOnServer(String model) {
		return this.api
			.getJson("/api/2.0/mlflow/registered-models/alias?name=" + MlflowServerApi.query(model) + "&alias=champion")
			.path("model_version")
			.path("version")
			.asString();
	}

	private TrackedRun runWithModel() throws IOException {
		Path model = Files.createDirectories(this.temp.resolve(UUID.randomUUID().toString()));
		Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
		TrackedRun run = this.tracker.startRun("registry-test", "run", Map.of());
		run.logArtifacts(model, "model");
		run.end(true);
		return run;
	}

	private static String modelName() {
		return "pokewatch-test-" + UUID.randomUUID();
	}

}
