package dev.pokewatch.serving.system;

import java.util.List;

import jakarta.servlet.DispatcherType;

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
 * Servlet filters in their order (request id first, then security headers, CORS and the
 * size limit, all before the authentication and rate-limit filters, which use orders
 * after {@link #LAST_ORDER}), and {@code GET /metrics} as an alias of the Prometheus
 * endpoint.
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

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		// after the observation filter (HIGHEST_PRECEDENCE + 1), so early answers are
		// measured
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(ServingProperties properties) {
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
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		registration.setEnabled(cors.enabled());
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ServingProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/metrics").setViewName("forward:/actuator/prometheus");
	}

}
