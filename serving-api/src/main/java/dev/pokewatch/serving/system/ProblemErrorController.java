package dev.pokewatch.serving.system;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatches (errors raised outside Spring MVC, e.g. in a
 * filter) with problem+json instead of Boot's default error body, so every error of the
 * API has the same shape. A failure caused by the client's request is mapped by
 * {@link ClientErrors} to its 4xx; other exception messages are never echoed. A client
 * requesting the error path itself gets the normal 404.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return answer(request, HttpStatus.NOT_FOUND, "not-found", "Not found",
					"No endpoint " + request.getMethod() + " " + ProblemResponses.abbreviate(request.getRequestURI()));
		}
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ApiProblemException clientError = (exception instanceof Throwable failure)
				? ClientErrors.classify(failure, request) : null;
		if (clientError != null) {
			log.debug("Client error answering {}: {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
					clientError.detail());
			return answer(request, clientError.status(), clientError.type(), clientError.title(), clientError.detail());
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String detail = status.is5xxServerError()
				? "An unexpected error occurred; quote the request_id when reporting it" : status.getReasonPhrase();
		return answer(request, status, ProblemTypes.slugFor(status), status.getReasonPhrase(), detail);
	}

	private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, HttpStatus status, String slug,
			String title, String detail) {
		ProblemDetail problem = ProblemResponses.problem(request, status, slug, title, detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
