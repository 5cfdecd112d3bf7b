package dev.pokewatch.training.tracking;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlflowRestClient}.
 */
class MlflowRestClientTests {

	private static final StubHttpServer.Answer OK = new StubHttpServer.Answer(200, "{\"ok\":true}");

	@Test
	void getWhenUsernameAndPasswordSetShouldSendBasicAuthAndNeverPrintPassword() {
		try (StubHttpServer stub = new StubHttpServer((n) -> OK)) {
			MlflowRestClient client = client(stub, "dagshub-user", "s3cret-token", "ignored-token");

			client.get("experiments/get-by-name", Map.of("experiment_name", "pokewatch baseline"));

			StubHttpServer.Received request = stub.received().get(0);
			String expected = "Basic "
					+ Base64.getEncoder().encodeToString("dagshub-user:s3cret-token".getBytes(StandardCharsets.UTF_8));
			assertThat(request.headers()).containsEntry("authorization", expected);
			assertThat(request.path())
				.isEqualTo("/api/2.0/mlflow/experiments/get-by-name?experiment_name=pokewatch+baseline");
			assertThat(client.toString()).doesNotContain("s3cret-token").doesNotContain("ignored-token");
		}
	}

	@Test
	void postWhenOnlyTokenSetShouldSendBearerAuth() {
		try (StubHttpServer stub = new StubHttpServer((n) -> OK)) {
			MlflowRestClient client = client(stub, null, null, "tok-123");

			client.post("runs/update", client.object().put("run_id", "r"));

			assertThat(stub.received().get(0).headers()).containsEntry("authorization", "Bearer tok-123")
				.containsEntry("content-type", "application/json");
		}
	}

	@Test
	void getWhenNoCredentialsShouldSendNoAuthorization() {
		try (StubHttpServer stub = new StubHttpServer((n) -> OK)) {
			client(stub, null, null, null).get("runs/get", Map.of("run_id", "r"));

			assertThat(stub.received().get(0).headers()).doesNotContainKey("authorization");
		}
	}

	@Test
	void postWhenServerAnswers503ThenOkShouldRetry() {
		try (StubHttpServer stub = new StubHttpServer((n) -> (n == 0)
				? new StubHttpServer.Answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\"}") : OK)) {
			MlflowRestClient client = client(stub, null, null, null);

			JsonNode answer = client.post("registered-models/alias", client.object().put("name", "m"));

			assertThat(answer.path("ok").asBoolean()).isTrue();
			assertThat(stub.received()).hasSize(2);
		}
	}

	@Test
	void postWhenCreateAnswers503ShouldNotRetryBecauseTheRunMayExist() {
		try (StubHttpServer stub = new StubHttpServer((n) -> (n == 0)
				? new StubHttpServer.Answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\"}") : OK)) {
			MlflowRestClient client = client(stub, null, null, null);

			assertThatExceptionOfType(MlflowApiException.class)
				.isThrownBy(() -> client.post("runs/create", client.object().put("experiment_id", "1")))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
			assertThat(stub.received()).hasSize(1);
		}
	}

	@Test
	void postWhenCreateAnswers429ShouldRetryBecauseNothingWasDone() {
		try (StubHttpServer stub = new StubHttpServer((n) -> (n == 0) ? new StubHttpServer.Answer(429, "{}") : OK)) {
			MlflowRestClient client = client(stub, null, null, null);

			client.post("model-versions/create", client.object().put("name", "m"));

			assertThat(stub.received()).hasSize(2);
		}
	}

	@Test
	void connectionWhenUriCarriesCredentialsShouldUseThemAsBasicAuthAndNeverShowThem() {
		try (StubHttpServer stub = new StubHttpServer((n) -> OK)) {
			URI withCredentials = URI.create(stub.uri().toString().replace("://", "://dagshub-user:s3cret-token@"));
			MlflowConnection connection = new MlflowConnection(withCredentials, null, null, null, Duration.ofSeconds(2),
					Duration.ofSeconds(5));
			MlflowRestClient client = new MlflowRestClient(connection);

			client.get("runs/get", Map.of("run_id", "r"));

			String expected = "Basic "
					+ Base64.getEncoder().encodeToString("dagshub-user:s3cret-token".getBytes(StandardCharsets.UTF_8));
			assertThat(stub.received().get(0).headers()).containsEntry("authorization", expected);
			assertThat(connection.baseUrl()).isEqualTo(stub.uri().toString().replaceAll("/$", ""));
			assertThat(connection.toString() + client).doesNotContain("s3cret-token");
		}
	}

	@Test
	void getWhenServerKeepsAnswering429ShouldGiveUpAfterTwoRetries() {
		try (StubHttpServer stub = new StubHttpServer((n) -> new StubHttpServer.Answer(429, "{}"))) {
			MlflowRestClient client = client(stub, null, null, null);

			assertThatExceptionOfType(MlflowApiException.class).isThrownBy(() -> client.get("runs/get", Map.of()))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429));
			assertThat(stub.received()).hasSize(3);
		}
	}

	@Test
	void postWhenMlflowRefusesShouldNameEndpointErrorCodeAndMessageWithoutRetry() {
		String error = "{\"error_code\":\"RESOURCE_ALREADY_EXISTS\",\"message\":\"Experiment(name=x) already exists.\"}";
		try (StubHttpServer stub = new StubHttpServer((n) -> new StubHttpServer.Answer(400, error))) {
			MlflowRestClient client = client(stub, null, null, null);

			assertThatExceptionOfType(MlflowApiException.class)
				.isThrownBy(() -> client.post("experiments/create", client.object().put("name", "x")))
				.withMessageContaining("POST experiments/create")
				.withMessageContaining(stub.uri().toString())
				.withMessageContaining("HTTP 400 RESOURCE_ALREADY_EXISTS: Experiment(name=x) already exists.")
				.satisfies((ex) -> assertThat(ex.hasErrorCode("RESOURCE_ALREADY_EXISTS")).isTrue());
			assertThat(stub.received()).hasSize(1);
		}
	}

	@Test
	void putArtifactWhenBaseHasPathShouldKeepPrefixAndEncodeSegments(@TempDir Path temp) throws Exception {
		try (StubHttpServer stub = new StubHttpServer((n) -> new StubHttpServer.Answer(200, "{}"))) {
			MlflowRestClient client = new MlflowRestClient(
					new MlflowConnection(stub.uri().resolve("/owner/repo.mlflow"), "u", "p", null,
							Duration.ofSeconds(2), Duration.ofSeconds(5)));
			Path file = Files.writeString(temp.resolve("a b.txt"), "x");

			client.putArtifact("1/run/artifacts/model/a b.txt", file);

			StubHttpServer.Received request = stub.received().get(0);
			assertThat(request.method()).isEqualTo("PUT");
			assertThat(request.path())
				.isEqualTo("/owner/repo.mlflow/api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/model/a%20b.txt");
			assertThat(request.headers()).containsKey("authorization");
		}
	}

	@Test
	void logArtifactsWhenArtifactUriIsNotProxiedShouldSkipWithoutUploading(@TempDir Path temp) throws Exception {
		try (StubHttpServer stub = new StubHttpServer((n) -> OK)) {
			MlflowRun run = new MlflowRun(null, client(stub, null, null, null), "r1", "1", "s3://bucket/1/r1/artifacts",
					"loc");
			Path file = Files.writeString(temp.resolve("model.json"), "{}");

			run.logArtifacts(file, "model");

			assertThat(stub.received()).isEmpty();
		}
	}

	@Test
	@Timeout(30)
	void getWhenServerAcceptsButNeverAnswersShouldThrowTimeoutWithoutRetry() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			MlflowRestClient client = new MlflowRestClient(
					new MlflowConnection(URI.create("http://127.0.0.1:" + silent.getLocalPort()), null, null, null,
							Duration.ofSeconds(2), Duration.ofMillis(500)));

			assertThatExceptionOfType(TrackingException.class)
				.isThrownBy(() -> client.get("experiments/get-by-name", Map.of("experiment_name", "x")))
				.withMessageContaining("GET experiments/get-by-name")
				.withMessageContaining("timed out");
		}
	}

	private static MlflowRestClient client(StubHttpServer stub, String username, String password, String token) {
		return new MlflowRestClient(new MlflowConnection(stub.uri(), username, password, token, Duration.ofSeconds(2),
				Duration.ofSeconds(5)));
	}

}
