package dev.pokewatch.serving.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small loopback HTTP client for full-app tests.
 */
public final class HttpTestClient {

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	/**
	 * A client for a local port.
	 * @param port the server port
	 */
	public HttpTestClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * GET a path.
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	/**
	 * POST JSON to a path.
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * A request builder for a path.
	 * @param path the path
	 * @return the builder
	 */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @return the response
	 */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
