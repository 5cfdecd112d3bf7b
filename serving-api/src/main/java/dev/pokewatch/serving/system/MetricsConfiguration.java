package dev.pokewatch.serving.system;

import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps metric cardinality bounded: request metrics are tagged by route template
 * (unmatched paths collapse to {@code NOT_FOUND}/{@code UNKNOWN} in Spring's convention),
 * and this caps the distinct {@code uri} values as a second line of defence.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	static final int MAX_URI_TAGS = 100;

	@Bean
	MeterFilter uriTagLimit() {
		return MeterFilter.maximumAllowableTags("http.server.requests", "uri", MAX_URI_TAGS, MeterFilter.deny());
	}

}
