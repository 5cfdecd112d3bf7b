package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ModelDirectoryWatcher}.
 */
class ModelDirectoryWatcherTests {

	@TempDir
	Path root;

	@Test
	void watchWhenDirectoryIsReplacedByRenameShouldReloadEachTime() {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(dir), new SimpleMeterRegistry());
		registry.afterSingletonsInstantiated();
		ModelDirectoryWatcher watcher = new ModelDirectoryWatcher(registry, TestProperties.of(dir));
		watcher.start();
		try {
			for (int i = 2; i <= 4; i++) {
				String version = "v" + i;
				TestModels.replaceByRename(dir, version, i);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry.require().modelVersion()).isEqualTo(version));
			}
		}
		finally {
			watcher.stop();
		}
		assertThat(watcher.isRunning()).isFalse();
	}

	@Test
	void watchWhenDirectoryIsReplacedBeforeTheWatcherStartsShouldReload() {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(dir), new SimpleMeterRegistry());
		registry.afterSingletonsInstantiated();
		TestModels.replaceByRename(dir, "v2", 2.0);
		ModelDirectoryWatcher watcher = new ModelDirectoryWatcher(registry, TestProperties.of(dir));
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.require().modelVersion()).isEqualTo("v2"));
		}
		finally {
			watcher.stop();
		}
	}

	@Test
	void watchWhenMetadataIsRewrittenInPlaceShouldReload() {
		Path dir = TestModels.write(this.root.resolve("baseline"), "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(dir), new SimpleMeterRegistry());
		registry.afterSingletonsInstantiated();
		ModelDirectoryWatcher watcher = new ModelDirectoryWatcher(registry, TestProperties.of(dir));
		watcher.start();
		try {
			TestModels.write(dir, "v2", 2.0);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.require().modelVersion()).isEqualTo("v2"));
		}
		finally {
			watcher.stop();
		}
	}

}
