package dev.pokewatch.common.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis for tests: a Testcontainers {@code redis:7-alpine} container where a
 * Docker engine runs, else the local {@code redis-server} binary on a free loopback port.
 * Without either the test is skipped, or fails when {@code CI=true}.
 * {@code TEST_REDIS_MODE} = {@code auto} (default), {@code docker} or {@code local}
 * forces the choice.
 *
 * <p>
 * {@link #kill()} and {@link #restart()} model an outage on the same address: the local
 * process is killed with SIGKILL and started again on its port; the container is paused
 * and unpaused (a restarted container would get a new mapped port).
 */
public final class RedisTestServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final GenericContainer<?> container;

	private final String executable;

	private final Path workDir;

	private final String host;

	private final int port;

	private Process process;

	private RedisTestServer(GenericContainer<?> container) {
		this.container = container;
		this.executable = null;
		this.workDir = null;
		this.host = container.getHost();
		this.port = container.getMappedPort(6379);
	}

	private RedisTestServer(String executable, int port, Path workDir) {
		this.container = null;
		this.executable = executable;
		this.workDir = workDir;
		this.host = "127.0.0.1";
		this.port = port;
	}

	/**
	 * Starts a server: in Docker when available, else from the local binary.
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	public static RedisTestServer start() throws Exception {
		String mode = System.getenv().getOrDefault("TEST_REDIS_MODE", "auto").toLowerCase(Locale.ROOT);
		if (mode.equals("docker") || (mode.equals("auto") && dockerAvailable())) {
			GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			container.start();
			return new RedisTestServer(container);
		}
		return startLocal(TestEnvironment::freePort);
	}

	/**
	 * Starts the local {@code redis-server} on a port from {@code ports}. The free port
	 * is released before Redis binds it and another process may take it meanwhile, so a
	 * bind failure is tried again on the next port, three times in all.
	 * @param ports gives the port of each attempt
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	static RedisTestServer startLocal(IntSupplier ports) throws Exception {
		String executable = TestEnvironment
			.executableOnPath("redis-server",
					"apt-get install -y redis-server, or run `make test`; no Docker engine runs either")
			.toString();
		for (int attempt = 1;; attempt++) {
			RedisTestServer server = new RedisTestServer(executable, ports.getAsInt(),
					Files.createTempDirectory("pokewatch-redis-"));
			try {
				server.restart();
				return server;
			}
			catch (IllegalStateException ex) {
				server.close();
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("Address already in use")) {
					throw ex;
				}
			}
		}
	}

	/**
	 * The URL clients connect to.
	 * @return {@code redis://<host>:<port>}
	 */
	public String url() {
		return "redis://" + this.host + ":" + this.port;
	}

	/**
	 * The host clients connect to.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * The port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Takes the server away abruptly, as a crash would.
	 * @throws InterruptedException if interrupted while waiting for it to exit
	 */
	public void kill() throws InterruptedException {
		if (this.container != null) {
			this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
			return;
		}
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
			this.process = null;
		}
	}

	/**
	 * Brings the server back on the same address and waits until it answers PING.
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void restart() throws IOException, InterruptedException {
		if (this.container != null) {
			this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
			awaitPing(null);
			return;
		}
		kill();
		Path log = this.workDir.resolve("redis.log");
		this.process = new ProcessBuilder(this.executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.workDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		awaitPing(log);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (this.container != null) {
			this.container.stop();
			return;
		}
		kill();
		try (Stream<Path> files = Files.walk(this.workDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	private void awaitPing(Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!ping()) {
			boolean dead = this.process != null && !this.process.isAlive();
			if (dead || System.nanoTime() > deadline) {
				String detail = (log != null && Files.exists(log)) ? ": " + Files.readString(log) : "";
				kill();
				throw new IllegalStateException("Redis did not come up at " + url() + detail);
			}
			Thread.sleep(20);
		}
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, reply.length);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean dockerAvailable() {
		// Asking Testcontainers without any engine in sight only logs a long ERROR block.
		boolean engineInSight = System.getenv("DOCKER_HOST") != null || new File("/var/run/docker.sock").exists();
		return engineInSight && DockerClientFactory.instance().isDockerAvailable();
	}

}
