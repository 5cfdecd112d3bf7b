package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A local JDK HTTP server that records requests and answers with a scripted response, for
 * client behaviour a real MLflow server cannot show on demand (auth headers, 5xx,
 * DagsHub's missing registry).
 */
final class StubHttpServer implements AutoCloseable {

	/**
	 * One received request.
	 *
	 * @param method HTTP method
	 * @param path raw path with query
	 * @param headers request headers (lower-case names, first value)
	 * @param body the request body as UTF-8 text
	 */
	record Received(String method, String path, Map<String, String> headers, String body) {

	}

	/**
	 * A scripted answer.
	 *
	 * @param status HTTP status
	 * @param body JSON body
	 */
	record Answer(int status, String body) {

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger count = new AtomicInteger();

	/**
	 * A server answering by the number of the request (0 for the first).
	 * @param answers the answer to the n-th request
	 */
	StubHttpServer(Function<Integer, Answer> answers) {
		this((n, request) -> answers.apply(n));
	}

	private StubHttpServer(BiFunction<Integer, Received, Answer> answers) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
					requestBody);
			this.received.add(request);
			Answer answer = answers.apply(this.count.getAndIncrement(), request);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * A server answering by what was asked, e.g. by the request's path.
	 * @param answers the answer to a request
	 * @return the started server
	 */
	static StubHttpServer routing(Function<Received, Answer> answers) {
		return new StubHttpServer((n, request) -> answers.apply(request));
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
