package dev.pokewatch.serving.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies from servlet filters, which run
 * before Spring MVC's exception handling can.
 */
public final class ProblemResponses {

	/** Media type of every error body. */
	public static final String PROBLEM_JSON = "application/problem+json";

	/** Request attribute holding the request id, set by the request-id filter. */
	public static final String REQUEST_ID_ATTRIBUTE = "pokewatch.requestId";

	/** Base of the problem {@code type} URIs. */
	public static final String TYPE_BASE = "https://pokewatch.dev/problems/";

	private static final JsonMapper JSON = JsonMapper.shared();

	private ProblemResponses() {
	}

	/**
	 * Write a problem response; headers the caller set before remain.
	 * @param request the request (for {@code instance} and {@code request_id})
	 * @param response the response, not yet committed
	 * @param status the HTTP status
	 * @param typeSlug last segment of the {@code type} URI
	 * @param detail the human-readable explanation
	 * @throws IOException if the body cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String typeSlug, String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", TYPE_BASE + typeSlug);
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		body.put("request_id", request.getAttribute(REQUEST_ID_ATTRIBUTE));
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setStatus(status.value());
		response.setContentType(PROBLEM_JSON);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.flushBuffer();
	}

}
