package dev.pokewatch.serving.support;

import java.io.UnsupportedEncodingException;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts the problem+json contract: type, title, status, detail, instance, request_id.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Asserts a problem answer.
	 * @param result the exchange
	 * @param status the expected status
	 * @param instance the expected instance (the request path)
	 * @param detailPart text the detail must contain
	 * @return the detail
	 */
	public static String assertProblem(MvcTestResult result, int status, String instance, String detailPart) {
		MockHttpServletResponse response = result.getResponse();
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(MediaType.parseMediaType(response.getContentType()))
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		String body = content(response);
		assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(status);
		assertThat(JsonPath.<String>read(body, "$.type")).startsWith("https://pokewatch.dev/problems/");
		assertThat(JsonPath.<String>read(body, "$.title")).isNotBlank();
		assertThat(JsonPath.<String>read(body, "$.instance")).isEqualTo(instance);
		String requestId = response.getHeader("X-Request-ID");
		assertThat(requestId).isNotBlank();
		assertThat(JsonPath.<String>read(body, "$.request_id")).isEqualTo(requestId);
		String detail = JsonPath.read(body, "$.detail");
		assertThat(detail).contains(detailPart);
		return detail;
	}

	/**
	 * The response body as text.
	 * @param response the response
	 * @return the body
	 */
	public static String content(MockHttpServletResponse response) {
		try {
			return response.getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
