package dev.pokewatch.collector.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchedulerProperties}.
 */
class SchedulerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingSetShouldUseEachJobsDefaults() {
		this.runner.run((context) -> {
			SchedulerProperties properties = context.getBean(SchedulerProperties.class);
			assertThat(properties.zone()).isEqualTo(ZoneId.of("UTC"));
			assertThat(properties.stateFile()).isEqualTo(Path.of("data/scheduler-state.json"));
			assertThat(properties.lockFile()).isEqualTo(Path.of("data/scheduler.lock"));
			assertThat(properties.retrainCooldown()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.catchUp()).isTrue();
			assertThat(properties.collect().cron()).isEqualTo("0 0 3 * * *");
			assertThat(properties.drift().cron()).isEqualTo("0 0 4 * * *");
			assertThat(properties.drift().command()).containsExactly("bin/pokewatch", "drift", "--preprocess");
			assertThat(properties.retrain().cron()).isEqualTo("0 0 5 * * SUN");
			assertThat(properties.retrain().command()).containsExactly("bin/pokewatch", "retrain");
			assertThat(properties.retrain().enabled()).isTrue();
		});
	}

	@Test
	void bindWhenSetShouldOverride() {
		this.runner
			.withPropertyValues("collector.scheduler.retrain.command=./stub.sh,--fast",
					"collector.scheduler.retrain.enabled=false", "collector.scheduler.drift.cron=0 15 * * * *",
					"collector.scheduler.retrain-cooldown=2h", "collector.scheduler.zone=Europe/Paris")
			.run((context) -> {
				SchedulerProperties properties = context.getBean(SchedulerProperties.class);
				assertThat(properties.retrain().command()).isEqualTo(List.of("./stub.sh", "--fast"));
				assertThat(properties.retrain().enabled()).isFalse();
				assertThat(properties.drift().cron()).isEqualTo("0 15 * * * *");
				assertThat(properties.retrainCooldown()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.zone().getId()).isEqualTo("Europe/Paris");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SchedulerProperties.class)
	static class Config {

	}

}
