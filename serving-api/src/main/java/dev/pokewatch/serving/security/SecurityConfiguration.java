package dev.pokewatch.serving.security;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.pokewatch.serving.system.ApplicationFilterRegistration;

/**
 * Registers the API-key filter right after the request-id filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** Order of the API-key filter: after the request-id filter (highest precedence). */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Addresses tracked for failed attempts before the least recent are forgotten. */
	private static final long MAX_TRACKED_ADDRESSES = 100_000;

	@Bean
	ApiKeyStore apiKeyStore(SecurityProperties properties) {
		return ApiKeyStore.from(properties);
	}

	@Bean
	ApplicationFilterRegistration<ApiKeyAuthenticationFilter> apiKeyAuthenticationFilter(SecurityProperties properties,
			ApiKeyStore apiKeyStore, ObjectProvider<MeterRegistry> meterRegistry) {
		AuthFailureLimiter failures = new AuthFailureLimiter(properties.authFailuresPerMinute(), MAX_TRACKED_ADDRESSES,
				TimeMeter.SYSTEM_NANOTIME);
		ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(properties.enabled(), apiKeyStore, failures,
				meterRegistry.getIfAvailable(() -> Metrics.globalRegistry));
		return new ApplicationFilterRegistration<>(filter, "apiKeyAuthenticationFilter", FILTER_ORDER);
	}

}
