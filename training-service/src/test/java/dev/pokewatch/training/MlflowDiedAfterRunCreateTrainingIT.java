package dev.pokewatch.training;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the packaged training jar when its MLflow server dies right after
 * {@code runs/create}, before the tag batch that completes the start of the run: the run
 * exists on the server, so training must say tracking was incomplete (never "skipped"),
 * mark the run failed when it still can, and say the run may be left {@code RUNNING} when
 * it cannot.
 * <p>
 * The server is a local JDK HTTP server playing MLflow's part up to the create: only a
 * stub can fail at exactly that point on every run. Like {@link MlflowKilledTrainingIT},
 * {@code train} runs as its own process and its console is what is asserted.
 */
@Tag("integration")
class MlflowDiedAfterRunCreateTrainingIT {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	private static final String RUN_ID = "0123456789abcdef0123456789abcdef";

	@TempDir
	static Path root;

	private static Path jar;

	private static Path params;

	@BeforeAll
	static void preprocess() throws Exception {
		jar = TestEnvironment.repoRoot().resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar), "needs the packaged " + jar);
		TestData.writeRaw(root.resolve("data/raw"), 2, 60);
		params = TestData.writeParams(root, "");
		// a small grid: the tracking failure, not the model search, is under test
		Files.writeString(params,
				Files.readString(params)
					.replace("types: [sma, ewma, median]", "types: [sma]")
					.replace("windows: [3, 7, 14]", "windows: [7]"));
		Command preprocess = run(null, "preprocess");
		assertThat(preprocess.exitCode()).as(preprocess.output()).isZero();
	}

	@Test
	void trainWhenTagsFailAfterRunsCreateShouldWarnIncompleteAndMarkRunFailed() throws Exception {
		try (DyingMlflow mlflow = new DyingMlflow(true)) {
			Command train = run(mlflow.uri(), "train");

			assertThat(train.exitCode()).as(train.output()).isZero();
			assertThat(train.output()).as(train.output())
				.containsOnlyOnce("Tracking incomplete, run " + RUN_ID + " marked failed")
				.contains("outputs are written locally")
				.doesNotContain("Tracking skipped");
			assertThat(warnings(train)).as(train.output()).hasSize(1);
			assertThat(mlflow.calls()).anySatisfy((call) -> assertThat(call).startsWith("/api/2.0/mlflow/runs/update ")
				.contains(RUN_ID)
				.contains("FAILED"));
		}
		assertThat(root.resolve("models/candidate/model_metadata.json")).isRegularFile();
	}

	@Test
	void trainWhenEveryCallAfterRunsCreateFailsShouldWarnRunMayBeLeftRunning() throws Exception {
		try (DyingMlflow mlflow = new DyingMlflow(false)) {
			Command train = run(mlflow.uri(), "train");

			assertThat(train.exitCode()).as(train.output()).isZero();
			assertThat(train.output()).as(train.output())
				.containsOnlyOnce("Tracking incomplete, run " + RUN_ID + " may be left RUNNING")
				.contains("outputs are written locally")
				.doesNotContain("Tracking skipped")
				.doesNotContain("marked failed");
			assertThat(warnings(train)).as(train.output()).hasSize(1);
			assertThat(mlflow.calls())
				.anySatisfy((call) -> assertThat(call).startsWith("/api/2.0/mlflow/runs/update "));
		}
		assertThat(root.resolve("models/candidate/model_metadata.json")).isRegularFile();
	}

	private static List<String> warnings(Command command) {
		return command.output().lines().filter((line) -> line.startsWith("WARN ")).toList();
	}

	private static Command run(URI tracking, String command) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> line = new ArrayList<>(
				List.of(java, "-jar", jar.toString(), command, "--params", params.toString()));
		Path log = root.resolve(command + ".log");
		ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("REDIS_URL");
		builder.environment().put("MLFLOW_FILE_STORE_DIR", root.resolve("mlruns").toString());
		if (tracking != null) {
			builder.environment().put("MLFLOW_TRACKING_URI", tracking.toString());
		}
		else {
			builder.environment().remove("MLFLOW_TRACKING_URI");
		}
		Process process = builder.start();
		if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException(command + " did not finish in " + COMMAND_TIMEOUT + ":\n"
					+ Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	private record Command(int exitCode, String output) {
	}

	/**
	 * Answers the experiment lookup and {@code runs/create} as MLflow does, then fails
	 * every later call with HTTP 500, except {@code runs/update} (ending the run) when
	 * {@code endingSucceeds}. Records each call as its path, a space and its body.
	 */
	private static final class DyingMlflow implements AutoCloseable {

		private final HttpServer server;

		private final boolean endingSucceeds;

		private final List<String> calls = new CopyOnWriteArrayList<>();

		DyingMlflow(boolean endingSucceeds) throws IOException {
			this.endingSucceeds = endingSucceeds;
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/", this::answer);
			this.server.start();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		List<String> calls() {
			return this.calls;
		}

		private void answer(HttpExchange exchange) throws IOException {
			try (exchange) {
				String path = exchange.getRequestURI().getPath();
				this.calls
					.add(path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				int status = 500;
				String body = "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"the database went away\"}";
				if (path.endsWith("/experiments/get-by-name")) {
					status = 200;
					body = "{\"experiment\":{\"experiment_id\":\"7\",\"name\":\"pokewatch_baseline\","
							+ "\"lifecycle_stage\":\"active\"}}";
				}
				else if (path.endsWith("/runs/create")) {
					status = 200;
					body = "{\"run\":{\"info\":{\"run_id\":\"" + RUN_ID + "\",\"experiment_id\":\"7\","
							+ "\"status\":\"RUNNING\",\"artifact_uri\":\"mlflow-artifacts:/7/" + RUN_ID
							+ "/artifacts\"}}}";
				}
				else if (path.endsWith("/runs/update") && this.endingSucceeds) {
					status = 200;
					body = "{\"run_info\":{\"run_id\":\"" + RUN_ID + "\",\"status\":\"FAILED\"}}";
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
