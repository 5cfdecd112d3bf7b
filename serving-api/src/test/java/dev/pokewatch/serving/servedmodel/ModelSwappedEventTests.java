package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ModelSwappedEvent} as {@link ServedModelHolder} publishes it.
 */
class ModelSwappedEventTests {

	@TempDir
	private Path dir;

	@Test
	void reloadWhenSuccessfulShouldPublishOldAndNewModelAndWhenFailedNothing() {
		Path modelDir = TestModels.write(this.dir.resolve("baseline"), "v1", 1.0);
		List<Object> events = new ArrayList<>();
		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(modelDir), new SimpleMeterRegistry());
		holder.setApplicationEventPublisher(events::add);
		holder.reload("startup");
		TestModels.write(modelDir, "v2", 2.0);
		holder.reload("admin");
		TestModels.corruptMetadata(modelDir);
		holder.reload("admin");

		assertThat(events).hasSize(2).allSatisfy((event) -> assertThat(event).isInstanceOf(ModelSwappedEvent.class));
		ModelSwappedEvent first = (ModelSwappedEvent) events.get(0);
		ModelSwappedEvent second = (ModelSwappedEvent) events.get(1);
		assertThat(first.previous()).isNull();
		assertThat(first.trigger()).isEqualTo("startup");
		assertThat(second.previous()).isSameAs(first.current());
		assertThat(second.current().modelVersion()).isEqualTo("v2");
		assertThat(second.trigger()).isEqualTo("admin");
	}

}
