package dev.pokewatch.training.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlflowTracker} when the server fails right after {@code runs/create}:
 * a local HTTP server answers the experiment lookup and the create, then refuses the tag
 * batch that completes the start, which a real {@code mlflow server} cannot do on demand.
 */
class MlflowTrackerRunStartTests {

	private static final String RUN_ID = "0123456789abcdef0123456789abcdef";

	private static final StubHttpServer.Answer SERVER_ERROR = new StubHttpServer.Answer(500,
			"{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"the database went away\"}");

	@Test
	void startRunWhenTagsFailAfterRunsCreateShouldMarkRunFailedAndSaySo() {
		try (StubHttpServer stub = StubHttpServer.routing((request) -> answer(request, true))) {
			assertThatExceptionOfType(IncompleteRunStartException.class)
				.isThrownBy(() -> tracker(stub).startRun("pokewatch_baseline", "train-sma-7", Map.of("a", "b")))
				.satisfies((ex) -> {
					assertThat(ex.runId()).isEqualTo(RUN_ID);
					assertThat(ex.markedFailed()).isTrue();
					assertThat(ex.getMessage()).contains("MLflow run " + RUN_ID + " was created on " + stub.uri())
						.contains("runs/log-batch")
						.contains("HTTP 500");
				});
			List<StubHttpServer.Received> updates = calls(stub, "/runs/update");
			assertThat(updates).isNotEmpty()
				.allSatisfy((update) -> assertThat(update.body()).contains(RUN_ID).contains("FAILED"));
		}
	}

	@Test
	void startRunWhenTagsAndEndingFailAfterRunsCreateShouldSayRunMayBeLeftRunning() {
		try (StubHttpServer stub = StubHttpServer.routing((request) -> answer(request, false))) {
			assertThatExceptionOfType(IncompleteRunStartException.class)
				.isThrownBy(() -> tracker(stub).startRun("pokewatch_baseline", "train-sma-7", Map.of()))
				.satisfies((ex) -> {
					assertThat(ex.runId()).isEqualTo(RUN_ID);
					assertThat(ex.markedFailed()).isFalse();
					assertThat(ex.getCause().getSuppressed()).singleElement()
						.satisfies((suppressed) -> assertThat(suppressed).hasMessageContaining("runs/update"));
				});
			assertThat(calls(stub, "/runs/update")).isNotEmpty();
		}
	}

	@Test
	void startRunWhenRunsCreateFailsShouldThrowPlainTrackingException() {
		try (StubHttpServer stub = StubHttpServer
			.routing((request) -> request.path().contains("/runs/create") ? SERVER_ERROR : answer(request, true))) {
			assertThatExceptionOfType(TrackingException.class)
				.isThrownBy(() -> tracker(stub).startRun("pokewatch_baseline", "train-sma-7", Map.of()))
				.isNotInstanceOf(IncompleteRunStartException.class)
				.withMessageContaining("Cannot start an MLflow run");
			assertThat(calls(stub, "/runs/update")).isEmpty();
		}
	}

	private static MlflowTracker tracker(StubHttpServer stub) {
		return new MlflowTracker(
				new MlflowConnection(stub.uri(), null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(5)));
	}

	private static List<StubHttpServer.Received> calls(StubHttpServer stub, String path) {
		return stub.received().stream().filter((request) -> request.path().contains(path)).toList();
	}

	/**
	 * What a server that dies right after creating the run answers: the lookup and the
	 * create succeed, the tag batch fails, and ending the run succeeds only when
	 * {@code updateSucceeds}.
	 */
	private static StubHttpServer.Answer answer(StubHttpServer.Received request, boolean updateSucceeds) {
		String path = request.path();
		if (path.contains("/experiments/get-by-name")) {
			return new StubHttpServer.Answer(200, "{\"experiment\":{\"experiment_id\":\"7\","
					+ "\"name\":\"pokewatch_baseline\",\"lifecycle_stage\":\"active\"}}");
		}
		if (path.contains("/runs/create")) {
			return new StubHttpServer.Answer(200,
					"{\"run\":{\"info\":{\"run_id\":\"" + RUN_ID + "\","
							+ "\"experiment_id\":\"7\",\"status\":\"RUNNING\",\"artifact_uri\":\"mlflow-artifacts:/7/"
							+ RUN_ID + "/artifacts\"}}}");
		}
		if (path.contains("/runs/update") && updateSucceeds) {
			return new StubHttpServer.Answer(200,
					"{\"run_info\":{\"run_id\":\"" + RUN_ID + "\",\"status\":\"FAILED\"}}");
		}
		return SERVER_ERROR;
	}

}
