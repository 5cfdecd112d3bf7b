package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import dev.pokewatch.common.testsupport.TestEnvironment;

/**
 * A real {@code mlflow server} for tests, started once per JVM from the project's Python
 * venv ({@code POKEWATCH_VENV}, else {@code <repo root>/.venv}) on a free port with a
 * temporary SQLite store and artifact directory, and stopped by a shutdown hook.
 * <p>
 * Without a venv holding mlflow the calling test is skipped, except when {@code CI=true}:
 * then it fails, so CI cannot pass by skipping.
 */
public final class MlflowTestServer {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

	private static MlflowTestServer instance;

	private static RuntimeException startupFailure;

	private final URI uri;

	private final Path directory;

	private final Process process;

	private MlflowTestServer(URI uri, Path directory, Process process) {
		this.uri = uri;
		this.directory = directory;
		this.process = process;
	}

	/**
	 * The shared server, started on first use.
	 * @return the running server
	 */
	public static synchronized MlflowTestServer get() {
		Path mlflow = venvExecutable("mlflow");
		if (startupFailure != null) {
			throw startupFailure;
		}
		if (instance == null) {
			try {
				instance = start(mlflow, TestEnvironment::freePort, TEMP);
			}
			catch (RuntimeException ex) {
				startupFailure = ex;
				throw ex;
			}
		}
		return instance;
	}

	/**
	 * A server of its own, for a test that kills it; the caller must {@link #close()} it.
	 * Skipped (failed under {@code CI=true}) like {@link #get()}.
	 * @return the running server
	 */
	public static MlflowTestServer startPrivate() {
		return start(venvExecutable("mlflow"), TestEnvironment::freePort, TEMP);
	}

	/**
	 * Kills the server and its workers with SIGKILL, as a crash or the OOM killer would,
	 * and waits until they are gone.
	 */
	public void kill() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroyForcibly();
		children.forEach(ProcessHandle::destroyForcibly);
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
			for (ProcessHandle child : children) {
				child.onExit().get(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("mlflow server workers did not exit after SIGKILL", ex);
		}
	}

	/**
	 * Stops a server from {@link #startPrivate()} and deletes its directory.
	 */
	public void close() {
		stop();
	}

	/**
	 * The tracking URI, e.g. {@code http://127.0.0.1:41234}.
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Where the server keeps its SQLite database and {@code mlartifacts/}.
	 * @return the temporary directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * An executable of the project's venv ({@code mlflow}, {@code python}, ...), or skips
	 * the test (fails it when {@code CI=true}) when the venv does not have it.
	 * @param name the executable name in {@code <venv>/bin}
	 * @return its path
	 */
	public static Path venvExecutable(String name) {
		return TestEnvironment.venvExecutable(name);
	}

	/**
	 * The Python venv: {@code POKEWATCH_VENV}, else {@code <repo root>/.venv}.
	 * @return the venv directory (may not exist)
	 */
	public static Path venv() {
		return TestEnvironment.venv();
	}

	/**
	 * The repository root: the nearest directory holding {@code mvnw}, walking up from
	 * the working directory.
	 * @return the root
	 */
	public static Path repoRoot() {
		return TestEnvironment.repoRoot();
	}

	/**
	 * Starts a server on a port from {@code ports}; the caller must {@link #close()} it.
	 * The free port is released before the server binds it and another process may take
	 * it meanwhile, so a bind failure is tried again on the next port, three times in
	 * all.
	 * @param mlflow the {@code mlflow} executable
	 * @param ports gives the port of each attempt
	 * @param parent where each attempt makes its temporary directory
	 * @return the running server
	 */
	static MlflowTestServer start(Path mlflow, IntSupplier ports, Path parent) {
		for (int attempt = 1;; attempt++) {
			try {
				return startOnce(mlflow, ports.getAsInt(), parent);
			}
			catch (IllegalStateException ex) {
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("address already in use")) {
					throw ex;
				}
			}
		}
	}

	private static MlflowTestServer startOnce(Path mlflow, int port, Path parent) {
		try {
			Path directory = Files.createTempDirectory(parent, "mlflow-test-server");
			Path log = directory.resolve("server.log");
			ProcessBuilder builder = new ProcessBuilder(mlflow.toString(), "server", "--backend-store-uri",
					"sqlite:///" + directory.resolve("mlflow.db"), "--artifacts-destination",
					directory.resolve("mlartifacts").toString(), "--serve-artifacts", "--host", "127.0.0.1", "--port",
					Integer.toString(port), "--workers", "1")
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().remove("MLFLOW_TRACKING_URI");
			// MLflow 3 otherwise starts a GenAI job runner with 7 extra processes.
			builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
			Process process = builder.start();
			MlflowTestServer server = new MlflowTestServer(URI.create("http://127.0.0.1:" + port), directory, process);
			Thread stopAtExit = new Thread(server::stop, "mlflow-test-server-stop");
			Runtime.getRuntime().addShutdownHook(stopAtExit);
			try {
				server.awaitHealthy(log);
			}
			catch (RuntimeException ex) {
				// a failed attempt leaves neither a process nor its directory behind
				server.stop();
				Runtime.getRuntime().removeShutdownHook(stopAtExit);
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + mlflow + " server", ex);
		}
	}

	private void awaitHealthy(Path log) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(this.uri.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"mlflow server exited with " + this.process.exitValue() + ":\n" + tail(log));
			}
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for mlflow server", ex);
			}
			try {
				this.process.waitFor(250, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for mlflow server", ex);
			}
		}
		throw new IllegalStateException(
				"mlflow server not healthy at " + this.uri + " after " + STARTUP_TIMEOUT + ":\n" + tail(log));
	}

	private void stop() {
		// uvicorn runs workers as child processes; stop them too or they keep the port.
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		deleteRecursively(this.directory);
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort at JVM exit
		}
	}

}
