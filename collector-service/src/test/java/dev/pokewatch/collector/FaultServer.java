package dev.pokewatch.collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving price provider on a loopback port, for fault tests: per request it
 * answers with the next scripted {@link Fault} (a 5xx, a 429 with {@code Retry-After}, a
 * reply slower than the client's read timeout, a truncated or empty body, a connection
 * reset in the middle of the body) or the real recorded response, and records what it
 * saw.
 *
 * <p>
 * Bounded: at most 16 connections are served at once, and a slow reply waits at most its
 * delay or until {@link #close()}. Every response closes its connection, so each attempt
 * of the client is one request here.
 */
public final class FaultServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService workers = Executors.newFixedThreadPool(16);

	private final Thread acceptor;

	private final Map<String, Deque<Fault>> script = new LinkedHashMap<>();

	private final List<StubServer.Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	public FaultServer() {
		try {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = Thread.ofPlatform().daemon().name("fault-server").start(this::acceptLoop);
	}

	/**
	 * The server's base URI.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
	}

	/**
	 * Answers requests whose path and query contain {@code match} with the faults in
	 * order; the last one repeats.
	 * @param match a substring of the request's path and query
	 * @param faults the answers
	 * @return this server
	 */
	public synchronized FaultServer on(String match, Fault... faults) {
		this.script.put(match, new ArrayDeque<>(List.of(faults)));
		return this;
	}

	/**
	 * The requests received so far.
	 * @return the requests in arrival order
	 */
	public List<StubServer.Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests received so far whose path and query contain {@code match}.
	 * @param match a substring of the path and query
	 * @return the requests in arrival order
	 */
	public List<StubServer.Request> requests(String match) {
		return this.requests.stream().filter((request) -> request.target().contains(match)).toList();
	}

	private void acceptLoop() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.workers.execute(() -> serve(connection));
			}
			catch (IOException ex) {
				// closed: the test is over
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
			String requestLine = in.readLine();
			if (requestLine == null) {
				return;
			}
			String authorization = null;
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				if (line.regionMatches(true, 0, "Authorization:", 0, 14)) {
					authorization = line.substring(14).strip();
				}
			}
			String target = requestLine.split(" ")[1];
			this.requests.add(new StubServer.Request(target, authorization, System.nanoTime()));
			Fault fault = next(target);
			answer(connection, (fault != null) ? fault : Fault.status(404));
		}
		catch (IOException ex) {
			// the client went away (it timed out): nothing to answer
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized Fault next(String target) {
		for (Map.Entry<String, Deque<Fault>> entry : this.script.entrySet()) {
			if (target.contains(entry.getKey())) {
				Deque<Fault> queue = entry.getValue();
				return (queue.size() > 1) ? queue.poll() : queue.peek();
			}
		}
		return null;
	}

	private void answer(Socket connection, Fault fault) throws IOException, InterruptedException {
		if (fault.delay() != null && this.closing.await(fault.delay().toMillis(), TimeUnit.MILLISECONDS)) {
			return;
		}
		byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder("HTTP/1.1 " + fault.status() + " " + reason(fault.status()) + "\r\n");
		head.append("Content-Type: application/json\r\n");
		head.append("Content-Length: ").append(body.length).append("\r\n");
		head.append("Connection: close\r\n");
		fault.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		OutputStream out = connection.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (fault.resetAfter() >= 0) {
			// the promised length is never delivered: the peer sees the connection reset
			// mid-body
			out.write(body, 0, Math.min(fault.resetAfter(), body.length));
			out.flush();
			connection.setSoLinger(true, 0);
			return;
		}
		out.write(body);
		out.flush();
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> "Status";
		};
	}

	@Override
	public void close() {
		this.closing.countDown();
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.workers.shutdownNow();
		try {
			this.acceptor.join(Duration.ofSeconds(5));
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One scripted answer.
	 *
	 * @param status HTTP status
	 * @param body the body
	 * @param headers extra headers
	 * @param delay wait before answering, or {@code null}
	 * @param resetAfter bytes of the body sent before the connection is reset, or
	 * {@code -1} to send it whole
	 */
	public record Fault(int status, String body, Map<String, String> headers, Duration delay, int resetAfter) {

		/**
		 * The real response.
		 * @param body the recorded body
		 * @return the answer
		 */
		public static Fault ok(String body) {
			return new Fault(200, body, Map.of(), null, -1);
		}

		/**
		 * An error status with a small JSON body.
		 * @param status the status
		 * @return the answer
		 */
		public static Fault status(int status) {
			return new Fault(status, "{\"error\":\"status " + status + "\"}", Map.of(), null, -1);
		}

		/**
		 * An error status asking the client to come back later.
		 * @param status 429 or 503
		 * @param retryAfter the {@code Retry-After} value: seconds or an HTTP date
		 * @return the answer
		 */
		public static Fault retryAfter(int status, String retryAfter) {
			return new Fault(status, "{\"error\":\"slow down\"}", Map.of("Retry-After", retryAfter), null, -1);
		}

		/**
		 * The real response, too late.
		 * @param body the body
		 * @param delay how late, beyond the client's read timeout
		 * @return the answer
		 */
		public static Fault slow(String body, Duration delay) {
			return new Fault(200, body, Map.of(), delay, -1);
		}

		/**
		 * A 200 whose body is cut short: a complete HTTP response with broken JSON.
		 * @param body the real body
		 * @param length the characters kept
		 * @return the answer
		 */
		public static Fault truncated(String body, int length) {
			return new Fault(200, body.substring(0, length), Map.of(), null, -1);
		}

		/**
		 * A 200 with nothing in it.
		 * @return the answer
		 */
		public static Fault empty() {
			return new Fault(200, "", Map.of(), null, -1);
		}

		/**
		 * The real response promised whole, the connection reset halfway through.
		 * @param body the real body
		 * @return the answer
		 */
		public static Fault resetMidBody(String body) {
			return new Fault(200, body, Map.of(), null, body.getBytes(StandardCharsets.UTF_8).length / 2);
		}

	}

}
