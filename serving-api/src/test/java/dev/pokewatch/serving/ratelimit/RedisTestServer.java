package dev.pokewatch.serving.ratelimit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port that a test can kill and restart on
 * the same port. Uses the local binary ({@code --save "" --appendonly no}, so a restart
 * starts empty). When the binary is missing the test is skipped, or fails when
 * {@code CI=true}. Docker is not used: Testcontainers is not on this module's test
 * classpath, and killing/restarting a local process models a Redis outage directly.
 */
final class RedisTestServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final String executable;

	private final int port;

	private final Path workDir;

	private Process process;

	private RedisTestServer(String executable, int port, Path workDir) {
		this.executable = executable;
		this.port = port;
		this.workDir = workDir;
	}

	/**
	 * Start a server, or skip the test when {@code redis-server} is not installed.
	 * @return the running server
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static RedisTestServer start() throws IOException, InterruptedException {
		String executable = findOnPath("redis-server");
		if (executable == null) {
			String reason = "redis-server is not on PATH (install it: apt-get install -y redis-server)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(reason + "; required when CI=true");
			}
			Assumptions.abort(reason);
		}
		RedisTestServer server = new RedisTestServer(executable, freePort(),
				Files.createTempDirectory("pokewatch-redis-"));
		server.restart();
		return server;
	}

	/**
	 * The URL clients connect to.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	/**
	 * Kill the server abruptly (SIGKILL), as a crash would.
	 * @throws InterruptedException if interrupted while waiting for it to exit
	 */
	void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
			this.process = null;
		}
	}

	/**
	 * Start the server (again) on the same port and wait until it answers PING.
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	void restart() throws IOException, InterruptedException {
		kill();
		Path log = this.workDir.resolve("redis.log");
		this.process = new ProcessBuilder(this.executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.workDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!ping()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				kill();
				throw new IllegalStateException(
						"redis-server did not start on port " + this.port + ": " + Files.readString(log));
			}
			Thread.sleep(20);
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		kill();
		try (Stream<Path> files = Files.walk(this.workDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String findOnPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.isFile() && candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

}
