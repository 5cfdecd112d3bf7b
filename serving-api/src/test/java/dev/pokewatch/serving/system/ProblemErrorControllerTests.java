package dev.pokewatch.serving.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProblemErrorController}.
 */
class ProblemErrorControllerTests {

	private final ProblemErrorController controller = new ProblemErrorController();

	@Test
	void errorWhenContainerReportsClientErrorShouldAnswerProblemForOriginalPath() {
		MockHttpServletRequest request = errorDispatch(400, "/predict");
		ResponseEntity<ProblemDetail> response = this.controller.error(request);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem = response.getBody();
		assertThat(problem.getInstance()).hasToString("/predict");
		assertThat(problem.getType()).hasToString("https://pokewatch.dev/problems/invalid-request");
		assertThat(problem.getProperties()).containsEntry("request_id", "req-1");
	}

	@Test
	void errorWhenServerErrorShouldNotEchoExceptionMessage() {
		MockHttpServletRequest request = errorDispatch(500, "/cards");
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internals"));
		ProblemDetail problem = this.controller.error(request).getBody();
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getDetail()).doesNotContain("secret").contains("request_id");
	}

	@Test
	void errorWhenFilterFailedOnMalformedQueryShouldAnswer400() {
		MockHttpServletRequest request = errorDispatch(500, "/cards");
		request.setQueryString("a=%zz");
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
				new ServletException(new InvalidParameterException("Invalid chunk ignored", 400)));
		ProblemDetail problem = this.controller.error(request).getBody();
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).startsWith("Malformed query string 'a=%zz'").doesNotContain("chunk");
	}

	@Test
	void errorWhenDispatchHasNoStatusShouldAnswer500() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		assertThat(this.controller.error(request).getStatusCode().value()).isEqualTo(500);
	}

	@Test
	void errorWhenClientRequestsErrorPathShouldAnswer404() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		ProblemDetail problem = this.controller.error(request).getBody();
		assertThat(problem.getStatus()).isEqualTo(404);
		assertThat(problem.getDetail()).isEqualTo("No endpoint GET /error");
	}

	private static MockHttpServletRequest errorDispatch(int status, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
		request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-1");
		return request;
	}

}
