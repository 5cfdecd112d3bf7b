package dev.pokewatch.training.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LaunchProperties}.
 */
class LaunchPropertiesTests {

	@Test
	void ofWhenNotVerboseShouldLogToFileAndOnlyWarningsToConsole() {
		assertThat(LaunchProperties.of(false, null)).containsEntry("logging.file.name", "logs/training.log")
			.containsEntry("logging.threshold.console", "warn");
		assertThat(LaunchProperties.of(true, null)).containsEntry("logging.file.name", "logs/training.log")
			.doesNotContainKeys("logging.threshold.console", "logging.pattern.console");
	}

	@Test
	void ofWhenRedisUrlBlankOrMalformedShouldNotSetIt() {
		assertThat(LaunchProperties.of(false, "")).doesNotContainKey("spring.data.redis.url");
		assertThat(LaunchProperties.of(false, null)).doesNotContainKey("spring.data.redis.url");
		assertThat(LaunchProperties.of(false, "bogus://:s3cret-pass@host:6379"))
			.doesNotContainKey("spring.data.redis.url");
		assertThat(LaunchProperties.of(false, " redis://host:6379 ")).containsEntry("spring.data.redis.url",
				"redis://host:6379");
		assertThat(LaunchProperties.isRedisUrl("rediss://:pw@cache.example:6380/1")).isTrue();
	}

}
