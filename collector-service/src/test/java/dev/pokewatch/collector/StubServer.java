package dev.pokewatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server (JDK {@link HttpServer} on a free loopback port) that replays
 * recorded provider responses and records the requests it got.
 */
public final class StubServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Deque<Reply>> replies = new LinkedHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	public StubServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * The server's base URI.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Answers requests whose path and query contain {@code match} with the replies in
	 * order; the last reply repeats.
	 * @param match a substring of the request's path and query
	 * @param replies the replies
	 * @return this server
	 */
	public synchronized StubServer on(String match, Reply... replies) {
		this.replies.put(match, new ArrayDeque<>(List.of(replies)));
		return this;
	}

	/**
	 * The requests received so far.
	 * @return the requests in arrival order
	 */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String target = exchange.getRequestURI().toString();
		this.requests
			.add(new Request(target, exchange.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
		Reply reply = next(target);
		try (exchange) {
			if (reply == null) {
				send(exchange, 404, "{\"error\":\"no stub for " + target + "\"}", Map.of());
				return;
			}
			if (reply.hangs()) {
				// no reply before the test ends, past the client's read timeout
				awaitQuietly();
				return;
			}
			send(exchange, reply.status(), reply.body(), reply.headers());
		}
	}

	private synchronized Reply next(String target) {
		for (Map.Entry<String, Deque<Reply>> entry : this.replies.entrySet()) {
			if (target.contains(entry.getKey())) {
				Deque<Reply> queue = entry.getValue();
				return (queue.size() > 1) ? queue.poll() : queue.peek();
			}
		}
		return null;
	}

	private void awaitQuietly() {
		try {
			this.closing.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A recorded response file from {@code src/test/resources/recorded/}.
	 * @param name the file name
	 * @return its content
	 */
	public static String recorded(String name) {
		try (InputStream in = StubServer.class.getResourceAsStream("/recorded/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no recorded response " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A received request.
	 *
	 * @param target path and query
	 * @param authorization the Authorization header, or {@code null}
	 * @param receivedNanos when it arrived, in {@link System#nanoTime()} units
	 */
	public record Request(String target, String authorization, long receivedNanos) {

		/**
		 * The time between an earlier request and this one.
		 * @param earlier the earlier request
		 * @return the time between their arrivals
		 */
		public java.time.Duration since(Request earlier) {
			return java.time.Duration.ofNanos(this.receivedNanos - earlier.receivedNanos);
		}

	}

	/**
	 * A canned response.
	 *
	 * @param status HTTP status
	 * @param body body
	 * @param headers extra headers
	 * @param hangs whether to send nothing until the server closes
	 */
	public record Reply(int status, String body, Map<String, String> headers, boolean hangs) {

		public static Reply ok(String body) {
			return new Reply(200, body, Map.of(), false);
		}

		public static Reply status(int status) {
			return new Reply(status, "{\"error\":\"status " + status + "\"}", Map.of(), false);
		}

		public static Reply status(int status, String header, String value) {
			return new Reply(status, "{\"error\":\"status " + status + "\"}", Map.of(header, value), false);
		}

		public static Reply hang() {
			return new Reply(0, "", Map.of(), true);
		}

	}

}
