package dev.pokewatch.serving.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatConfiguration}.
 */
class TomcatConfigurationTests {

	@Test
	void workerThreadsWhenNotConfiguredShouldBeTwiceTheCores() {
		assertThat(TomcatConfiguration.workerThreads(0, 2)).isEqualTo(4);
		assertThat(TomcatConfiguration.workerThreads(0, 16)).isEqualTo(32);
		assertThat(TomcatConfiguration.workerThreads(0, 1)).isEqualTo(2);
	}

	@Test
	void workerThreadsWhenConfiguredShouldBeTheConfiguredNumber() {
		assertThat(TomcatConfiguration.workerThreads(7, 2)).isEqualTo(7);
	}

}
