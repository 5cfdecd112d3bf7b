package dev.pokewatch.serving.support;

import java.io.IOException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

import dev.pokewatch.serving.ServingApiApplication;

/**
 * The application's configuration for full-context tests, scanning only main classes:
 * test sources of other packages hold stand-in controllers on the same paths, which a
 * plain scan would pick up as duplicates.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan(basePackageClasses = ServingApiApplication.class)
@ComponentScan(basePackageClasses = ServingApiApplication.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM,
				classes = ServingTestApplication.MainClassesOnly.class))
public class ServingTestApplication {

	/**
	 * Excludes classes compiled from test sources and the application class itself (whose
	 * own scan would bring them back).
	 */
	static class MainClassesOnly implements TypeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			if (reader.getClassMetadata().getClassName().equals(ServingApiApplication.class.getName())) {
				return true;
			}
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}

	}

}
