package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.retry.HttpRetryPolicy;
import dev.pokewatch.common.retry.RetryableHttpException;

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
 * <p>
 * The client has no timeouts of its own and does not retry a dropped connection, so each
 * call runs on a virtual thread bounded by the connection's request timeout (a server
 * that accepts and never answers cannot hang training), and a call that failed on an I/O
 * error is repeated under the shared {@link HttpRetryPolicy}, like the REST calls.
 */
class MlflowTrackingClient {

	private final MlflowConnection connection;

	private final MlflowClient client;

	private static final Executor VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Retry retry = HttpRetryPolicy.retry("mlflow-client", MlflowRestClient.RETRY_SETTINGS);

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
			return this.retry.executeSupplier(() -> attempt(what, call));
		}
		catch (RetryableHttpException ex) {
			throw (ex.getCause() instanceof MlflowClientException client) ? translate(what, client)
					: new TrackingException("MLflow " + what + " at " + baseUrl() + " failed: " + ex.getMessage(), ex);
		}
		catch (MlflowClientException ex) {
			throw translate(what, ex);
		}
	}

	private <T> T attempt(String what, Supplier<T> call) {
		CompletableFuture<T> answer = CompletableFuture.supplyAsync(call, VIRTUAL_THREADS);
		try {
			return answer.get(this.connection.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			// not retried: a server silent for a whole request timeout won't improve
			throw new TrackingException("MLflow " + what + " at " + baseUrl() + " did not answer within "
					+ this.connection.requestTimeout().toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TrackingException("Interrupted during MLflow " + what, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof MlflowClientException client) {
				if (!(client instanceof MlflowHttpException) && hasCause(client, IOException.class)
						&& !hasCause(client, ConnectException.class)) {
					// a connection dropped mid-call: the call is safe to repeat
					throw new RetryableHttpException(rootMessage(client), null, client);
				}
				throw client;
			}
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new TrackingException("MLflow " + what + " failed: " + rootMessage(ex.getCause()), ex);
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
