package dev.pokewatch.serving.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends request bytes as written over a plain socket, for requests a real HTTP client
 * refuses to build (malformed query strings, encoded slashes or NULs in the path,
 * oversized headers), and reads the whole answer.
 */
public final class RawHttpClient {

	private final int port;

	/**
	 * A client for a local port.
	 * @param port the server port
	 */
	public RawHttpClient(int port) {
		this.port = port;
	}

	/**
	 * Sends {@code GET target} with {@code Connection: close} and the given extra header
	 * lines.
	 * @param target the request target, sent unencoded
	 * @param headerLines extra header lines without line ends, e.g.
	 * {@code "X-API-Key: k"}
	 * @return the response
	 */
	public Response get(String target, String... headerLines) {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		return send(request.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Sends raw bytes and reads until the server closes the connection.
	 * @param request the request bytes
	 * @return the response
	 */
	public Response send(byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("No complete response head in: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		InputStream in = new ByteArrayInputStream(body);
		while (true) {
			StringBuilder size = new StringBuilder();
			int c;
			while ((c = in.read()) >= 0 && c != '\n') {
				if (c != '\r') {
					size.append((char) c);
				}
			}
			int length = Integer.parseInt(size.toString().trim(), 16);
			if (length == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(length));
			in.skipNBytes(2);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body as UTF-8
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		/**
		 * A header's value.
		 * @param name the name, any case
		 * @return the value, or {@code null}
		 */
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
