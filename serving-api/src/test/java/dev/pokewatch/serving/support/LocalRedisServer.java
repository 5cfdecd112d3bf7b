package dev.pokewatch.serving.support;

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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} started on a free loopback port and stopped by
 * {@link #close()}. Skips the test when {@code redis-server} is not installed, unless
 * {@code CI=true}, where that is a failure.
 */
public final class LocalRedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private LocalRedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a server, or skips the test when none is installed (outside CI).
	 * @param workDir a directory for its files
	 * @return the running server
	 * @throws Exception when it cannot start
	 */
	public static LocalRedisServer start(Path workDir) throws Exception {
		String executable = findOnPath("redis-server");
		if (executable == null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("redis-server is not on PATH (required when CI=true)");
			}
			Assumptions.abort("redis-server is not on PATH");
		}
		int port = freePort();
		Process process = new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", workDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("redis.log").toFile())
			.start();
		LocalRedisServer server = new LocalRedisServer(process, port);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!server.ping()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				server.close();
				throw new IllegalStateException(
						"redis-server did not start: " + Files.readString(workDir.resolve("redis.log")));
			}
			Thread.sleep(20);
		}
		return server;
	}

	/**
	 * The URL to connect to.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[16];
			int n = in.read(buffer);
			return n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
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
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

}
