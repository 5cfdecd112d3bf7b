package dev.pokewatch.training;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.MlflowTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the packaged training jar when its {@code mlflow server} is killed with
 * SIGKILL in the middle of {@code train}: training still writes its outputs locally,
 * exits 0 and prints exactly one warning that tracking was incomplete.
 * <p>
 * The server is a real one of its own (the shared one must survive). A loopback
 * pass-through between the trainer and the server only watches the calls: when the server
 * has answered the first {@code runs/log-batch} (the tags that complete starting the run)
 * it kills the server, then hands the answer on and stops listening. So the crash lands
 * at the same point on every run, after the run has started and before its parameters,
 * metrics and artifacts are logged, instead of racing the trainer.
 */
@Tag("integration")
class MlflowKilledTrainingIT {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path root;

	@Test
	void trainWhenMlflowServerKilledAfterRunStartedShouldWriteOutputsExitZeroAndWarnOnce() throws Exception {
		Path jar = TestEnvironment.repoRoot().resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar), "needs the packaged " + jar);
		// the server starts while preprocess runs
		CompletableFuture<MlflowTestServer> starting = CompletableFuture.supplyAsync(MlflowTestServer::startPrivate);
		MlflowTestServer mlflow = null;
		try {
			TestData.writeRaw(this.root.resolve("data/raw"), 2, 60);
			Path params = TestData.writeParams(this.root, "");
			// a small grid: the crash, not the model search, is under test
			Files.writeString(params,
					Files.readString(params)
						.replace("types: [sma, ewma, median]", "types: [sma]")
						.replace("windows: [3, 7, 14]", "windows: [7]"));
			assertThat(run(jar, null, "preprocess", "--params", params.toString()).exitCode()).isZero();
			mlflow = starting.get(150, TimeUnit.SECONDS);
			try (KillingPassThrough passThrough = new KillingPassThrough(mlflow)) {
				Command train = run(jar, passThrough.uri(), "train", "--params", params.toString());
				assertThat(passThrough.killed()).as("the server was killed during train").isTrue();
				assertThat(train.exitCode()).as(train.output()).isZero();
				assertThat(train.output()).as(train.output())
					.containsOnlyOnce("Tracking incomplete, run ")
					.contains("marked failed")
					.contains("outputs are written locally");
				assertThat(train.output().lines().filter((line) -> line.startsWith("WARN ")))
					.as("one warning on the console")
					.hasSize(1);
			}
		}
		finally {
			if (mlflow != null) {
				mlflow.close();
			}
			else {
				starting.thenAccept(MlflowTestServer::close);
			}
		}
		ModelMetadata candidate = ModelFiles.readMetadata(this.root.resolve("models/candidate"));
		assertThat(this.root.resolve("models/candidate").resolve(candidate.featuresFile())).isRegularFile();
		assertThat(this.root.resolve("reports/metrics.json")).isRegularFile();
	}

	private Command run(Path jar, URI tracking, String... args) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
		command.addAll(List.of(args));
		Path log = this.root.resolve(args[0] + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("REDIS_URL");
		builder.environment().put("MLFLOW_FILE_STORE_DIR", this.root.resolve("mlruns").toString());
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
			throw new IllegalStateException(args[0] + " did not finish in " + COMMAND_TIMEOUT + ":\n"
					+ Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	private record Command(int exitCode, String output) {
	}

	/**
	 * Forwards every call to the MLflow server unchanged; once the server has answered
	 * the first {@code runs/log-batch}, kills it before handing the answer on, then stops
	 * listening so later calls are refused as by a dead server.
	 */
	private static final class KillingPassThrough implements AutoCloseable {

		private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
				"upgrade", "transfer-encoding", "keep-alive");

		private final MlflowTestServer mlflow;

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build();

		private final AtomicBoolean killed = new AtomicBoolean();

		KillingPassThrough(MlflowTestServer mlflow) throws IOException {
			this.mlflow = mlflow;
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(this.executor);
			this.server.createContext("/", this::forward);
			this.server.start();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		boolean killed() {
			return this.killed.get();
		}

		private void forward(HttpExchange exchange) throws IOException {
			boolean stopListening = false;
			try (exchange; InputStream body = exchange.getRequestBody()) {
				if (this.killed.get()) {
					// the server is gone: drop the connection without an answer
					return;
				}
				HttpRequest.Builder request = HttpRequest
					.newBuilder(this.mlflow.uri().resolve(exchange.getRequestURI().toString()))
					.timeout(Duration.ofSeconds(30))
					.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));
				exchange.getRequestHeaders().forEach((name, values) -> values.forEach((value) -> {
					if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
						request.header(name, value);
					}
				}));
				HttpResponse<byte[]> response = this.client.send(request.build(),
						HttpResponse.BodyHandlers.ofByteArray());
				if (exchange.getRequestURI().getPath().endsWith("/runs/log-batch") && response.statusCode() == 200
						&& this.killed.compareAndSet(false, true)) {
					this.mlflow.kill();
					stopListening = true;
				}
				response.headers()
					.firstValue("Content-Type")
					.ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
				byte[] bytes = response.body();
				exchange.sendResponseHeaders(response.statusCode(), (bytes.length == 0) ? -1 : bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (stopListening) {
				// after the answer is out: stop(0) would cut this exchange short
				Thread.ofPlatform().start(() -> this.server.stop(0));
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
