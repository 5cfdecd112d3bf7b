package dev.pokewatch.serving.system;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * A filter of the application that runs inside {@link ApplicationFilters}, the one
 * servlet filter that carries the application's cross-cutting work, instead of being
 * registered with the container on its own. Tomcat builds the filter chain on every
 * request and looks up each filter's configuration under one lock, so every registered
 * filter costs every request (issue 9: 384 contended lock enters in 20 s of load); inside
 * one filter the steps cost a method call each. The order still decides where a step
 * runs.
 *
 * @param <T> the filter type
 */
public class ApplicationFilterRegistration<T extends Filter> extends FilterRegistrationBean<T> {

	private final boolean active;

	/**
	 * A step of the application filter.
	 * @param filter the filter
	 * @param name its name, for logs and tests
	 * @param order its place among the steps (lower runs first)
	 */
	public ApplicationFilterRegistration(T filter, String name, int order) {
		this(filter, name, order, true);
	}

	/**
	 * A step of the application filter that may be switched off by configuration.
	 * @param filter the filter
	 * @param name its name, for logs and tests
	 * @param order its place among the steps (lower runs first)
	 * @param active whether the step runs
	 */
	public ApplicationFilterRegistration(T filter, String name, int order, boolean active) {
		super(filter);
		setName(name);
		setOrder(order);
		// the container never sees it: ApplicationFilters runs it
		setEnabled(false);
		this.active = active;
	}

	/**
	 * Whether the step runs.
	 * @return {@code false} when switched off by configuration
	 */
	public boolean isActive() {
		return this.active;
	}

}
