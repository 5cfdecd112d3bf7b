package dev.pokewatch.training.tracking;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.pokewatch.common.retry.HttpRetryPolicy;
import dev.pokewatch.common.retry.HttpRetrySettings;
import dev.pokewatch.common.retry.RetryAfter;
import dev.pokewatch.common.retry.RetryableHttpException;

/**
 * A thin client for the MLflow REST API ({@code /api/2.0/mlflow/...}) and the tracking
 * server's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/...}).
 * <p>
 * Errors become {@link MlflowApiException} (naming the endpoint, HTTP status and MLflow's
 * {@code error_code}/message) or {@link TrackingException} when the server cannot be
 * reached or times out. 429 answers, and 5xx answers and dropped connections of calls
 * that are safe to repeat, are retried with the shared {@link HttpRetryPolicy} (twice,
 * honouring a short {@code Retry-After}).
 * <p>
 * Most tracking calls go through {@link MlflowTrackingClient}. This client does what
 * MLflow's Java client lacks or gets wrong: artifact upload without Python, registry
 * writes and aliases, the registry probe, and the creates that must not be repeated
 * blindly ({@code experiments/create}, {@code runs/create}).
 */
class MlflowRestClient {

	private static final Logger logger = LoggerFactory.getLogger(MlflowRestClient.class);

	static final String API_PATH = "/api/2.0/mlflow/";

	/**
	 * Three attempts, backing off from 0.5 s; a Retry-After over 10 s is not waited for.
	 */
	static final HttpRetrySettings RETRY_SETTINGS = new HttpRetrySettings(3, Duration.ofMillis(500),
			Duration.ofSeconds(4), 0.25, Duration.ofSeconds(10));

	static final String ARTIFACTS_PATH = "/api/2.0/mlflow-artifacts/artifacts/";

	/**
	 * POST endpoints that are safe to repeat: an alias is set absolutely. The creates
	 * ({@code experiments/create}, {@code runs/create}, {@code registered-models/create},
	 * {@code model-versions/create}) are not.
	 */
	private static final Set<String> IDEMPOTENT_POSTS = Set.of("registered-models/alias");

	private static final int MAX_MESSAGE_LENGTH = 300;

	private final MlflowConnection connection;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final @Nullable String authorization;

	private final Retry retry = HttpRetryPolicy.retry("mlflow", RETRY_SETTINGS);

	MlflowRestClient(MlflowConnection connection) {
		this.connection = connection;
		this.http = HttpClient.newBuilder()
			.connectTimeout(connection.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		this.authorization = authorizationHeader(connection);
	}

	private static @Nullable String authorizationHeader(MlflowConnection connection) {
		if (connection.hasBasicAuth()) {
			String pair = connection.username() + ":" + connection.password();
			return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
		}
		if (connection.hasBearerToken()) {
			return "Bearer " + connection.token();
		}
		return null;
	}

	/**
	 * The tracking base URL without a trailing slash.
	 * @return the base URL
	 */
	String baseUrl() {
		return this.connection.baseUrl();
	}

	ObjectNode object() {
		return this.json.createObjectNode();
	}

	/**
	 * Calls {@code GET /api/2.0/mlflow/<endpoint>?<query>}.
	 * @param endpoint e.g. {@code runs/get}
	 * @param query query parameters, encoded here
	 * @return the JSON answer
	 */
	JsonNode get(String endpoint, Map<String, String> query) {
		StringJoiner params = new StringJoiner("&");
		query.forEach((key, value) -> params.add(encodeQuery(key) + "=" + encodeQuery(value)));
		String suffix = (query.isEmpty()) ? "" : "?" + params;
		URI uri = URI.create(baseUrl() + API_PATH + endpoint + suffix);
		return send(HttpRequest.newBuilder(uri).GET(), "GET " + endpoint, true);
	}

	/**
	 * Calls {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body.
	 * @param endpoint e.g. {@code runs/create}
	 * @param body the request
	 * @return the JSON answer
	 */
	JsonNode post(String endpoint, JsonNode body) {
		URI uri = URI.create(baseUrl() + API_PATH + endpoint);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		return send(request, "POST " + endpoint, IDEMPOTENT_POSTS.contains(endpoint));
	}

	/**
	 * Uploads one file through the artifact proxy.
	 * @param artifactPath the path below {@code mlflow-artifacts:/}, {@code /}-separated,
	 * not encoded
	 * @param file the local file
	 */
	void putArtifact(String artifactPath, Path file) {
		putArtifact(URI.create(baseUrl() + ARTIFACTS_PATH + encodePath(artifactPath)), file);
	}

	/**
	 * Uploads one file to an artifact URL.
	 * @param url the full artifact URL
	 * @param file the local file
	 */
	void putArtifact(URI url, Path file) {
		HttpRequest.BodyPublisher body;
		try {
			body = HttpRequest.BodyPublishers.ofFile(file);
		}
		catch (FileNotFoundException ex) {
			throw new TrackingException("Artifact file " + file + " does not exist", ex);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.header("Content-Type", "application/octet-stream")
			.PUT(body);
		send(request, "PUT artifact " + url.getRawPath(), true);
	}

	/**
	 * Sends a request under the shared retry policy. A 429 is always retried (the server
	 * refused it unprocessed); a lost connection or a 5xx only when repeating the call
	 * cannot duplicate anything, since e.g. {@code model-versions/create} may have been
	 * committed before the failure.
	 */
	private JsonNode send(HttpRequest.Builder builder, String endpoint, boolean idempotent) {
		builder.timeout(this.connection.requestTimeout()).header("Accept", "application/json");
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		HttpRequest request = builder.build();
		try {
			return this.retry.executeSupplier(() -> attempt(request, endpoint, idempotent));
		}
		catch (RetryableHttpException ex) {
			// the retries are over: report what the last attempt got
			throw (TrackingException) ex.getCause();
		}
	}

	private JsonNode attempt(HttpRequest request, String endpoint, boolean idempotent) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException | HttpConnectTimeoutException ex) {
			// Not retried: an absent server fails fast; training goes on without it.
			throw new TrackingException(
					"Cannot reach MLflow server " + baseUrl() + " (" + endpoint + "): " + describe(ex), ex);
		}
		catch (HttpTimeoutException ex) {
			// Not retried: a server silent for a whole request timeout won't improve.
			throw new TrackingException("MLflow " + endpoint + " at " + baseUrl() + " timed out after "
					+ this.connection.requestTimeout().toSeconds() + " s: " + describe(ex), ex);
		}
		catch (IOException ex) {
			TrackingException failure = new TrackingException(
					"MLflow " + endpoint + " at " + baseUrl() + " failed: " + describe(ex), ex);
			if (idempotent) {
				logger.debug("MLflow {} failed ({}), may retry", endpoint, describe(ex));
				throw new RetryableHttpException("network error: " + describe(ex), null, failure);
			}
			throw failure;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TrackingException("Interrupted during MLflow " + endpoint + " at " + baseUrl(), ex);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return parse(response.body(), endpoint);
		}
		MlflowApiException failure = error(endpoint, status, response.body());
		if (status == 429 || (status >= 500 && idempotent)) {
			logger.debug("MLflow {} answered HTTP {}, may retry", endpoint, status);
			Duration retryAfter = RetryAfter
				.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
				.orElse(null);
			throw new RetryableHttpException("HTTP " + status, retryAfter, failure);
		}
		throw failure;
	}

	private JsonNode parse(String body, String endpoint) {
		if (body == null || body.isBlank()) {
			return this.json.createObjectNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new TrackingException(
					"MLflow " + endpoint + " at " + baseUrl() + " answered with non-JSON: " + abbreviate(body), ex);
		}
	}

	private MlflowApiException error(String endpoint, int status, String body) {
		String errorCode = null;
		String message = abbreviate(body);
		try {
			JsonNode node = this.json.readTree(body);
			if (node.hasNonNull("error_code")) {
				errorCode = node.path("error_code").asString();
				message = abbreviate(node.path("message").asString(""));
			}
		}
		catch (JacksonException ex) {
			// Plain-text errors (proxies, --no-serve-artifacts) are reported as they are.
		}
		String hint = switch (status) {
			case 401, 403 -> " (check MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN)";
			case 503 -> (endpoint.startsWith("PUT artifact"))
					? " (is the server started with --no-serve-artifacts? artifacts need the artifact proxy)" : "";
			default -> "";
		};
		String text = "MLflow " + endpoint + " at " + baseUrl() + " failed: HTTP " + status
				+ ((errorCode != null) ? " " + errorCode : "") + ((message.isEmpty()) ? "" : ": " + message) + hint;
		return new MlflowApiException(text, status, errorCode);
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String trimmed = text.strip();
		return (trimmed.length() <= MAX_MESSAGE_LENGTH) ? trimmed : trimmed.substring(0, MAX_MESSAGE_LENGTH) + "...";
	}

	private static String encodeQuery(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Percent-encodes each segment of a {@code /}-separated path (RFC 3986 unreserved
	 * characters stay as they are; a space becomes {@code %20}, never {@code +}).
	 * @param path the path
	 * @return the encoded path
	 */
	static String encodePath(String path) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == '/') {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xFF));
			}
		}
		return encoded.toString();
	}

	@Override
	public String toString() {
		return "MlflowRestClient[" + this.connection + "]";
	}

}
