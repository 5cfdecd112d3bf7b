package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an MLflow server with plain HTTP, independently of {@link MlflowRestClient}, so
 * tests check what the server really stored.
 */
final class MlflowServerApi {

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	MlflowServerApi(URI base) {
		this.base = base;
	}

	JsonNode getJson(String pathAndQuery) {
		HttpResponse<byte[]> response = get(pathAndQuery);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
					+ new String(response.body(), StandardCharsets.UTF_8));
		}
		return this.json.readTree(response.body());
	}

	HttpResponse<byte[]> get(String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + pathAndQuery + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	JsonNode run(String runId) {
		return getJson("/api/2.0/mlflow/runs/get?run_id=" + runId).path("run");
	}

	static Map<String, String> keyValues(JsonNode array) {
		Map<String, String> values = new HashMap<>();
		array.forEach((entry) -> values.put(entry.path("key").asString(), entry.path("value").asString()));
		return values;
	}

	static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
