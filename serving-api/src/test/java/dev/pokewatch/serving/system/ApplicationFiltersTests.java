package dev.pokewatch.serving.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationFilters}.
 */
class ApplicationFiltersTests {

	private final List<String> ran = new ArrayList<>();

	@Test
	void doFilterShouldRunEveryStepInOrderThenTheContainerChain() throws Exception {
		ApplicationFilters filters = new ApplicationFilters(List.of(step("first", false), step("second", false)));
		filters.init(new MockFilterConfig("applicationFilters"));
		MockFilterChain chain = new MockFilterChain();

		filters.doFilter(new MockHttpServletRequest("GET", "/health"), new MockHttpServletResponse(), chain);

		// each OncePerRequestFilter runs under its own name, not only the first
		assertThat(this.ran).containsExactly("first", "second");
		assertThat(chain.getRequest()).as("the container's chain ran").isNotNull();
	}

	@Test
	void doFilterWhenAStepAnswersShouldStopThere() throws Exception {
		ApplicationFilters filters = new ApplicationFilters(List.of(step("first", true), step("second", false)));
		filters.init(new MockFilterConfig("applicationFilters"));
		MockFilterChain chain = new MockFilterChain();

		filters.doFilter(new MockHttpServletRequest("GET", "/predict"), new MockHttpServletResponse(), chain);

		assertThat(this.ran).containsExactly("first");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void doFilterWhenErrorDispatchShouldLeaveItToEachStep() throws Exception {
		ApplicationFilters filters = new ApplicationFilters(List.of(step("request-only", false)));
		filters.init(new MockFilterConfig("applicationFilters"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		// what the container sets on an error dispatch, and what OncePerRequestFilter
		// reads
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/predict");
		MockFilterChain chain = new MockFilterChain();

		filters.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(this.ran).isEmpty();
		assertThat(chain.getRequest()).isNotNull();
	}

	private ApplicationFilterRegistration<OncePerRequestFilter> step(String name, boolean answers) {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				ApplicationFiltersTests.this.ran.add(name);
				if (answers) {
					response.setStatus(401);
					return;
				}
				chain.doFilter(request, response);
			}

		};
		return new ApplicationFilterRegistration<>(filter, name, 0);
	}

}
