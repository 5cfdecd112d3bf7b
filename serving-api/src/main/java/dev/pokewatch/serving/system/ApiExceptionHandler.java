package dev.pokewatch.serving.system;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem+json answer with {@code type},
 * {@code title}, {@code status}, {@code detail} (naming the bad field, card or date),
 * {@code instance} and {@code request_id}. Client input never yields a 5xx: malformed
 * JSON and invalid fields are 400 (the older API answered 422 for validation errors).
 * Public so standalone MockMvc tests of feature controllers can install it.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiProblemException.class)
	ResponseEntity<Object> handleApiProblem(ApiProblemException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.detail());
		problem.setType(ex.typeUri());
		problem.setTitle(ex.title());
		return createResponseEntity(problem, new HttpHeaders(), ex.status(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		ApiProblemException clientError = ClientErrors.classify(ex, servletRequest(request));
		if (clientError != null) {
			log.debug("Client error answering {}: {}", request.getDescription(false), clientError.detail());
			return handleApiProblem(clientError, request);
		}
		log.error("Unexpected error answering {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; quote the request_id when reporting it");
		problem.setTitle("Internal server error");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestTooLargeException tooLarge = findCause(ex, RequestTooLargeException.class);
		if (tooLarge != null) {
			return handleApiProblem(tooLarge, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				unreadableDetail(ex, expectedShape(request)));
		problem.setTitle("Malformed request body");
		problem.setType(ProblemTypes.uri("malformed-body"));
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// the constraint messages name the JSON field and never repeat the value
		String detail = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map(ObjectError::getDefaultMessage)
			.sorted()
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setType(ProblemTypes.uri("invalid-request"));
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return notFound(ex.getHttpMethod().name(), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return notFound(ex.getHttpMethod(), headers, request);
	}

	private ResponseEntity<Object> notFound(String method, HttpHeaders headers, WebRequest request) {
		HttpServletRequest servletRequest = servletRequest(request);
		String path = (servletRequest != null) ? servletRequest.getRequestURI() : "";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No endpoint " + method + " " + ProblemResponses.abbreviate(path));
		problem.setTitle("Not found");
		return createResponseEntity(problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		ProblemResponses.complete(problem, servletRequest(request));
		HttpHeaders responseHeaders = new HttpHeaders();
		if (headers != null) {
			responseHeaders.putAll(headers);
		}
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, responseHeaders, statusCode);
	}

	static String unreadableDetail(HttpMessageNotReadableException ex, String expectedShape) {
		JacksonException jackson = findCause(ex, JacksonException.class);
		if (jackson == null) {
			return "The request body is missing or unreadable (expected JSON)";
		}
		List<JacksonException.Reference> path = jackson.getPath();
		if (!path.isEmpty()) {
			String field = ProblemResponses.abbreviate(fieldName(path));
			if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
				return "Invalid value for field '" + field + "': expected " + describe(mismatch.getTargetType());
			}
			return "Invalid value for field '" + field + "'";
		}
		if (jackson instanceof StreamReadException && !(jackson instanceof MismatchedInputException)) {
			// the parser's own message names its internals and repeats input: only the
			// position is told
			TokenStreamLocation location = jackson.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			return "Malformed JSON" + where;
		}
		return "The request body has the wrong shape: expected " + expectedShape;
	}

	/**
	 * The documented shape of the handler's request body: the
	 * {@link JsonClassDescription} of its {@code @RequestBody} type, if it has one.
	 */
	private static String expectedShape(WebRequest request) {
		Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (handler instanceof HandlerMethod method) {
			for (MethodParameter parameter : method.getMethodParameters()) {
				JsonClassDescription shape = parameter.getParameterType().getAnnotation(JsonClassDescription.class);
				if (parameter.hasParameterAnnotation(RequestBody.class) && shape != null) {
					return shape.value();
				}
			}
		}
		return "a JSON object as documented";
	}

	private static String fieldName(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append((field.isEmpty()) ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String describe(Class<?> type) {
		if (type == String.class) {
			return "a string";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (List.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

	private static HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
	}

}
