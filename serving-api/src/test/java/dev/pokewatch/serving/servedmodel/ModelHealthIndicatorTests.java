package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelHealthIndicator}.
 */
class ModelHealthIndicatorTests {

	@TempDir
	Path root;

	@Test
	void healthWhenNoModelShouldBeDown() {
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.root.resolve("missing")),
				new SimpleMeterRegistry());
		registry.afterSingletonsInstantiated();

		Health health = new ModelHealthIndicator(registry).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void healthWhenModelLoadedShouldBeUpWithVersion() {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v7", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(dir), new SimpleMeterRegistry());
		registry.afterSingletonsInstantiated();

		Health health = new ModelHealthIndicator(registry).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("model_version", "v7");
	}

}
