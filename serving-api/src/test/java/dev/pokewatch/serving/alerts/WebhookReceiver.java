package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver as an integrator would write one (JDK {@link HttpServer}): it
 * checks the {@code X-PokeWatch-Signature} of each body with its own HMAC code and
 * answers 401 to a bad one; otherwise the next scripted status (200 when none is left).
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final String secret;

	private final Deque<Integer> statuses = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	WebhookReceiver(String secret, Integer... statuses) {
		this.secret = secret;
		this.statuses.addAll(List.of(statuses));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hooks/pokewatch", this::handle);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/pokewatch?token=t0k3n");
	}

	List<Received> received() {
		return this.received;
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String signature = exchange.getRequestHeaders().getFirst("X-PokeWatch-Signature");
		boolean valid = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
				expected(body).getBytes(StandardCharsets.US_ASCII));
		this.received.add(new Received(new String(body, StandardCharsets.UTF_8), valid,
				exchange.getRequestHeaders().getFirst("X-PokeWatch-Delivery")));
		Integer scripted;
		synchronized (this.statuses) {
			scripted = this.statuses.poll();
		}
		int status = !valid ? 401 : (scripted != null) ? scripted : 200;
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private String expected(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request received.
	 *
	 * @param body the body
	 * @param validSignature whether its signature matched
	 * @param deliveryId the {@code X-PokeWatch-Delivery} header
	 */
	record Received(String body, boolean validSignature, String deliveryId) {

	}

}
