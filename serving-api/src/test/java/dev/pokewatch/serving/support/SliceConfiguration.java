package dev.pokewatch.serving.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * What a {@code @WebMvcTest} slice needs besides controllers: the typed properties, a
 * meter registry and the real model registry.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServingProperties.class)
@Import(ServedModelHolder.class)
public class SliceConfiguration {

	@Bean
	SimpleMeterRegistry simpleMeterRegistry() {
		return new SimpleMeterRegistry();
	}

}
