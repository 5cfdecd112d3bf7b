package dev.pokewatch.serving.system;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Servlet filters in their order: the request id first (before Boot's observation filter,
 * so every log line and metric has it), then {@link ApplicationFilters}, one filter
 * running the application's steps: security headers, CORS and the size limit (here), then
 * authentication and rate limiting (orders after {@link #LAST_ORDER}). Also
 * {@code GET /metrics} as an alias of the Prometheus endpoint.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/** The last order used by the filters here. */
	static final int LAST_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	/**
	 * The application's steps as one container filter, after the observation filter
	 * (HIGHEST_PRECEDENCE + 1), so early answers (401, 413, 429) are measured. Error
	 * dispatches pass through too: each step decides whether it runs on them.
	 * @param steps the steps, in any order
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<ApplicationFilters> applicationFilters(
			ObjectProvider<ApplicationFilterRegistration<?>> steps) {
		List<ApplicationFilterRegistration<?>> ordered = steps.orderedStream()
			.filter(ApplicationFilterRegistration::isActive)
			.toList();
		FilterRegistrationBean<ApplicationFilters> registration = new FilterRegistrationBean<>(
				new ApplicationFilters(ordered));
		registration.setName("applicationFilters");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	ApplicationFilterRegistration<SecurityHeadersFilter> securityHeadersFilter() {
		return new ApplicationFilterRegistration<>(new SecurityHeadersFilter(), "securityHeadersFilter",
				Ordered.HIGHEST_PRECEDENCE + 2);
	}

	@Bean
	ApplicationFilterRegistration<CorsFilter> corsFilter(ServingProperties properties) {
		ServingProperties.Cors cors = properties.cors();
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (cors.enabled()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(cors.allowedOrigins());
			configuration.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
			configuration.setAllowedHeaders(List.of("X-API-Key", "Content-Type", "X-Request-ID"));
			configuration.setExposedHeaders(List.of("X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining",
					"X-RateLimit-Reset", "Retry-After"));
			configuration.setAllowCredentials(cors.allowCredentials());
			configuration.setMaxAge(cors.maxAge());
			source.registerCorsConfiguration("/**", configuration);
		}
		// before authentication, so a browser's preflight is answered without a key
		return new ApplicationFilterRegistration<>(new CorsFilter(source), "corsFilter", Ordered.HIGHEST_PRECEDENCE + 3,
				cors.enabled());
	}

	@Bean
	ApplicationFilterRegistration<RequestSizeLimitFilter> requestSizeLimitFilter(ServingProperties properties) {
		return new ApplicationFilterRegistration<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()),
				"requestSizeLimitFilter", Ordered.HIGHEST_PRECEDENCE + 4);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/metrics").setViewName("forward:/actuator/prometheus");
	}

}
