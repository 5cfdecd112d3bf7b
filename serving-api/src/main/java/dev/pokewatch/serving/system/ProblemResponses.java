package dev.pokewatch.serving.system;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details with the fields every error of this API has
 * ({@code type, title, status, detail, instance, request_id}), for the exception handler
 * and for filters that answer before Spring MVC runs.
 */
public final class ProblemResponses {

	/** Most characters of client input a problem detail repeats. */
	public static final int MAX_ECHOED_LENGTH = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/**
	 * A problem for a request.
	 * @param request the request
	 * @param status the status
	 * @param slug the problem type slug ({@link ProblemTypes})
	 * @param title the title
	 * @param detail the detail naming the bad field, card or date
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpServletRequest request, HttpStatusCode status, String slug, String title,
			String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.uri(slug));
		problem.setTitle(title);
		complete(problem, request);
		return problem;
	}

	/**
	 * Fills {@code instance} and {@code request_id} (and a type when missing).
	 * @param problem the problem
	 * @param request the request
	 */
	public static void complete(ProblemDetail problem, HttpServletRequest request) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(ProblemTypes.uri(ProblemTypes.slugFor(HttpStatusCode.valueOf(problem.getStatus()))));
		}
		if (request != null) {
			Object errorUri = request.getAttribute("jakarta.servlet.error.request_uri");
			String path = (errorUri instanceof String uri) ? uri : request.getRequestURI();
			if (path != null && !path.isEmpty()) {
				problem.setInstance(URI.create(safePath(path)));
			}
			String requestId = RequestIdFilter.requestId(request);
			if (requestId != null) {
				problem.setProperty(ProblemTypes.REQUEST_ID_PROPERTY, requestId);
			}
		}
	}

	/**
	 * Writes a problem response directly (for filters).
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param exception the problem to answer
	 * @throws IOException on write failure
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ApiProblemException exception)
			throws IOException {
		write(request, response,
				problem(request, exception.status(), exception.type(), exception.title(), exception.detail()));
	}

	/**
	 * Writes a problem response directly (for filters).
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param problem the problem
	 * @throws IOException on write failure
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(json(problem));
	}

	/**
	 * The problem+json body of a problem, with the members in their documented order.
	 * @param problem the problem
	 * @return the UTF-8 JSON
	 */
	static byte[] json(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", (problem.getInstance() != null) ? problem.getInstance().toString() : null);
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * Client input as a problem may repeat it: at most {@link #MAX_ECHOED_LENGTH}
	 * characters, then {@code ...}, so an error never echoes an unbounded value.
	 * @param text the client's value, may be {@code null}
	 * @return the value, abbreviated when longer
	 */
	public static String abbreviate(String text) {
		if (text == null || text.length() <= MAX_ECHOED_LENGTH) {
			return text;
		}
		return text.substring(0, MAX_ECHOED_LENGTH) + "...";
	}

	private static String safePath(String path) {
		// a path from the request line may hold characters a URI rejects; the instance
		// only needs to identify the resource
		try {
			return URI.create(path).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			return path.replaceAll("[^A-Za-z0-9/._~-]", "_");
		}
	}

}
