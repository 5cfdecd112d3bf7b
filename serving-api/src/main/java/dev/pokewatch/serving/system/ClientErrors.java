package dev.pokewatch.serving.system;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.res.StringManager;

import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartException;

/**
 * The one place that decides whether a failure was caused by the client's request and, if
 * so, which 4xx problem answers it. The exception handler, the error controller and the
 * container's error report valve all ask here, so a malformed query string, path, header
 * block or multipart body is a 4xx wherever it is detected. Details name what was wrong
 * and repeat at most {@link ProblemResponses#MAX_ECHOED_LENGTH} characters of input,
 * never a parser's own message.
 */
public final class ClientErrors {

	/**
	 * Tomcat's message for a request header block over
	 * {@code max-http-request-header-size}.
	 */
	private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private ClientErrors() {
	}

	/**
	 * The problem answering a failure, when the client's request caused it.
	 * @param failure the failure (its causes are searched too)
	 * @param request the request, for the echoed query string; may be {@code null}
	 * @return the problem, or {@code null} for a server-side failure
	 */
	public static ApiProblemException classify(Throwable failure, HttpServletRequest request) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			ApiProblemException problem = classifyOne(current, request);
			if (problem != null) {
				return problem;
			}
			current = current.getCause();
		}
		return null;
	}

	/**
	 * The problem for a request the container rejected before any filter ran (an invalid
	 * path, request line or header block).
	 * @param status the status the container chose
	 * @param failure the container's failure, may be {@code null}
	 * @return the problem
	 */
	static ApiProblemException rejectedByContainer(int status, Throwable failure) {
		if (failure != null && HEADER_TOO_LARGE.equals(failure.getMessage())) {
			return new ClientRequestException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
					"Request headers too large",
					"The request line and headers exceed the server's limit; send fewer or shorter headers");
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		if (resolved == null || resolved == HttpStatus.BAD_REQUEST) {
			return new ClientRequestException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
					"The request could not be parsed: the path must not hold an encoded '/', a '..' segment, "
							+ "a NUL or other control character, and the request line and headers must be valid "
							+ "HTTP/1.1");
		}
		if (resolved == HttpStatus.HTTP_VERSION_NOT_SUPPORTED) {
			// a client's choice of protocol is client input: never a 5xx
			return new ClientRequestException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
					"Unsupported HTTP version: send HTTP/1.1");
		}
		if (resolved == HttpStatus.CONTENT_TOO_LARGE) {
			return new ClientRequestException(resolved, "request-too-large", "Request body too large",
					"The request body exceeds the server's limit");
		}
		return new ClientRequestException(resolved, ProblemTypes.slugFor(resolved), resolved.getReasonPhrase(),
				resolved.getReasonPhrase());
	}

	private static ApiProblemException classifyOne(Throwable failure, HttpServletRequest request) {
		if (failure instanceof ApiProblemException problem) {
			return problem;
		}
		if (failure instanceof InvalidParameterException invalid) {
			HttpStatus status = HttpStatus.resolve(invalid.getErrorCode());
			if (status == null || !status.is4xxClientError()) {
				status = HttpStatus.BAD_REQUEST;
			}
			if (status == HttpStatus.CONTENT_TOO_LARGE) {
				return new ClientRequestException(status, "request-too-large", "Too many parameters",
						"The request has more parameters than the server accepts");
			}
			String query = (request != null) ? request.getQueryString() : null;
			String echoed = (query != null) ? " '" + ProblemResponses.abbreviate(query) + "'" : "";
			return new ClientRequestException(status, "invalid-request", "Invalid request", "Malformed query string"
					+ echoed + ": each parameter must be name=value with a non-empty name and valid %XX escapes");
		}
		if (failure instanceof MultipartException) {
			return new ClientRequestException(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
					"The multipart request body could not be parsed; this API reads JSON bodies only");
		}
		return null;
	}

}
