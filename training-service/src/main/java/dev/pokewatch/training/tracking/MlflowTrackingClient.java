package dev.pokewatch.training.tracking;

import java.net.ConnectException;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracking calls that are safe to repeat (experiment lookups and restores, params,
 * metrics and tags, run termination, searches) made through MLflow's own Java client,
 * {@link MlflowClient}, with the credentials passed explicitly (the client ignores
 * {@code MLFLOW_TRACKING_*} for its own calls).
 * <p>
 * That client repeats every call answered with an error status up to three times at once
 * (and 429s for up to a minute), with no way to turn it off. So creates
 * ({@code experiments/create}, {@code runs/create}), which the server may have committed
 * before failing, never go through it: they stay on {@link MlflowRestClient}. Its errors
 * become {@link MlflowApiException} (naming the call, HTTP status and MLflow's
 * {@code error_code}) or {@link TrackingException}.
 */
class MlflowTrackingClient {

	private final MlflowConnection connection;

	private final MlflowClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	MlflowTrackingClient(MlflowConnection connection) {
		this.connection = connection;
		this.client = new MlflowClient(credentials(connection));
	}

	private static BasicMlflowHostCreds credentials(MlflowConnection connection) {
		if (connection.hasBasicAuth()) {
			return new BasicMlflowHostCreds(connection.baseUrl(), connection.username(), connection.password());
		}
		if (connection.hasBearerToken()) {
			return new BasicMlflowHostCreds(connection.baseUrl(), connection.token());
		}
		return new BasicMlflowHostCreds(connection.baseUrl());
	}

	/**
	 * The tracking base URL without a trailing slash.
	 * @return the base URL
	 */
	String baseUrl() {
		return this.connection.baseUrl();
	}

	/**
	 * Makes a call that is safe to repeat, translating its errors.
	 * @param <T> the answer type
	 * @param what the call, for messages, e.g. {@code runs/log-batch}
	 * @param call the call on the client
	 * @return the answer
	 */
	<T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (MlflowClientException ex) {
			throw translate(what, ex);
		}
	}

	/**
	 * Same as {@link #call(String, Supplier)} for a call without an answer.
	 * @param what the call, for messages
	 * @param call the call on the client
	 */
	void run(String what, Runnable call) {
		call(what, () -> {
			call.run();
			return null;
		});
	}

	/**
	 * The client, for calls wrapped by {@link #call} or {@link #run}.
	 * @return the client
	 */
	MlflowClient client() {
		return this.client;
	}

	private TrackingException translate(String what, MlflowClientException ex) {
		if (ex instanceof MlflowHttpException http) {
			String errorCode = null;
			String message = (http.getBodyMessage() != null) ? http.getBodyMessage().strip() : "";
			try {
				JsonNode body = this.json.readTree(message);
				if (body.hasNonNull("error_code")) {
					errorCode = body.path("error_code").asString();
					message = body.path("message").asString("");
				}
			}
			catch (JacksonException notJson) {
				// plain-text errors (proxies) are reported as they are
			}
			int status = http.getStatusCode();
			String hint = (status == 401 || status == 403)
					? " (check MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN)" : "";
			return new MlflowApiException("MLflow " + what + " at " + baseUrl() + " failed: HTTP " + status
					+ ((errorCode != null) ? " " + errorCode : "")
					+ (message.isEmpty() ? "" : ": " + abbreviate(message)) + hint, status, errorCode);
		}
		if (hasCause(ex, ConnectException.class)) {
			return new TrackingException(
					"Cannot reach MLflow server " + baseUrl() + " (" + what + "): " + rootMessage(ex), ex);
		}
		return new TrackingException("MLflow " + what + " at " + baseUrl() + " failed: " + rootMessage(ex), ex);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	/**
	 * The current time, for timestamps sent to MLflow.
	 * @return epoch milliseconds
	 */
	static long now() {
		return Instant.now().toEpochMilli();
	}

	@Override
	public String toString() {
		return "MlflowTrackingClient[" + this.connection + "]";
	}

}
