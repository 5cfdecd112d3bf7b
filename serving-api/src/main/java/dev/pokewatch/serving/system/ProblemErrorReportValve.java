package dev.pokewatch.serving.system;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ProblemDetail;

/**
 * Replaces Tomcat's HTML error page with problem+json for the errors the container
 * answers itself, before any filter runs: an invalid path ({@code %2F}, {@code %2e%2e},
 * {@code %00}), a malformed request line, a header block over the size limit. The answer
 * carries {@code X-Request-ID} and the security headers like every other response; the
 * status and detail come from {@link ClientErrors}. Such a rejection is logged at DEBUG
 * only. Responses the application already wrote a body for pass through unchanged.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		Throwable failure = (throwable != null) ? throwable
				: (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ApiProblemException answer = ClientErrors.rejectedByContainer(status, failure);
		String requestId = RequestIdFilter.requestId(request);
		if (requestId == null) {
			String supplied = request.getHeader(RequestIdFilter.HEADER);
			requestId = RequestIdFilter.isSane(supplied) ? supplied : RequestIdFilter.generate();
			request.setAttribute(RequestIdFilter.ATTRIBUTE, requestId);
		}
		log.debug("[{}] Rejected by the container with {}: {}", requestId, answer.status().value(),
				(failure != null) ? failure.getMessage() : response.getMessage());
		ProblemDetail problem = ProblemResponses.problem(request, answer.status(), answer.type(), answer.title(),
				answer.detail());
		try {
			response.setStatus(answer.status().value());
			response.setHeader(RequestIdFilter.HEADER, requestId);
			SecurityHeadersFilter.apply(request, response);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			byte[] body = ProblemResponses.json(problem);
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or a writer already holds the body: nothing to add
			log.debug("Could not write the problem for a rejected request: {}", ex.toString());
		}
	}

}
