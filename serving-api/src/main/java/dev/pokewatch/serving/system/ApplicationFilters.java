package dev.pokewatch.serving.system;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The application's one servlet filter: runs the {@link ApplicationFilterRegistration}
 * steps in their order (security headers, CORS when enabled, the size limit, API-key
 * authentication, rate limiting), then the rest of the container's chain. Each step is a
 * {@code OncePerRequestFilter} and keeps its own rules, for example which dispatches it
 * skips.
 */
final class ApplicationFilters implements Filter {

	private final List<ApplicationFilterRegistration<?>> registrations;

	private final List<Filter> steps;

	ApplicationFilters(List<ApplicationFilterRegistration<?>> registrations) {
		this.registrations = List.copyOf(registrations);
		this.steps = this.registrations.stream().<Filter>map(ApplicationFilterRegistration::getFilter).toList();
	}

	@Override
	public void init(FilterConfig config) throws ServletException {
		// each step under its own name: a OncePerRequestFilter marks the request as
		// filtered under its filter name, so a shared name would let only the first run
		for (ApplicationFilterRegistration<?> registration : this.registrations) {
			registration.getFilter().init(new StepConfig(registration.getFilterName(), config));
		}
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		new Steps(chain).doFilter(request, response);
	}

	@Override
	public void destroy() {
		this.steps.forEach(Filter::destroy);
	}

	/**
	 * A step's configuration: the container's, under the step's name.
	 *
	 * @param name the step's name
	 * @param container the configuration of the application filter
	 */
	private record StepConfig(String name, FilterConfig container) implements FilterConfig {

		@Override
		public String getFilterName() {
			return this.name;
		}

		@Override
		public ServletContext getServletContext() {
			return this.container.getServletContext();
		}

		@Override
		public String getInitParameter(String parameter) {
			return null;
		}

		@Override
		public Enumeration<String> getInitParameterNames() {
			return Collections.emptyEnumeration();
		}

	}

	/**
	 * The steps of one request, then the container's chain.
	 */
	private final class Steps implements FilterChain {

		private final FilterChain next;

		private int position;

		Steps(FilterChain next) {
			this.next = next;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
			if (this.position == ApplicationFilters.this.steps.size()) {
				this.next.doFilter(request, response);
				return;
			}
			ApplicationFilters.this.steps.get(this.position++).doFilter(request, response, this);
		}

	}

}
