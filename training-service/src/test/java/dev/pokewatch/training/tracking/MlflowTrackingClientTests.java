package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlflowTrackingClient}: the bounds it puts around MLflow's Java client,
 * against a local HTTP server that stalls or drops connections.
 */
class MlflowTrackingClientTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer server;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void callWhenServerNeverAnswersShouldFailAfterTheRequestTimeout() throws IOException {
		start((exchange, attempt) -> {
			try {
				// accepts the request and never answers (until the test ends)
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		MlflowTrackingClient client = new MlflowTrackingClient(connection(Duration.ofSeconds(1)));
		long started = System.nanoTime();
		assertThatExceptionOfType(TrackingException.class)
			.isThrownBy(() -> client.run("runs/set-tag", () -> client.client().setTag("r1", "k", "v")))
			.withMessageContaining("runs/set-tag")
			.withMessageContaining("did not answer within 1 s");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void callWhenConnectionDropsOnceShouldRepeatAndSucceed() throws IOException {
		AtomicInteger requests = start((exchange, attempt) -> {
			if (attempt == 1) {
				// closed without an answer: the client sees the connection drop
				exchange.close();
				return;
			}
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		MlflowTrackingClient client = new MlflowTrackingClient(connection(Duration.ofSeconds(10)));
		client.run("runs/set-tag", () -> client.client().setTag("r1", "k", "v"));
		assertThat(requests).hasValue(2);
	}

	private AtomicInteger start(Handler handler) throws IOException {
		AtomicInteger requests = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			handler.handle(exchange, requests.incrementAndGet());
		});
		this.server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
		return requests;
	}

	private MlflowConnection connection(Duration requestTimeout) {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		return new MlflowConnection(URI.create(url), null, null, null, Duration.ofSeconds(2), requestTimeout);
	}

	private interface Handler {

		void handle(com.sun.net.httpserver.HttpExchange exchange, int attempt) throws IOException;

	}

}
