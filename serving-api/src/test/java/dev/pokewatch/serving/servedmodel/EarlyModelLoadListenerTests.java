package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EarlyModelLoadListener} and the claim of its load by
 * {@link ServedModelHolder}.
 */
class EarlyModelLoadListenerTests {

	@TempDir
	Path dir;

	@Test
	void environmentPreparedWhenModelDirHoldsAModelShouldBeginTheLoadThatTheHolderClaims() {
		TestModels.write(this.dir, "v1", 1.0);
		prepared(this.dir.toString());
		assertThat(StartupModelLoad.pendingFor(this.dir)).isTrue();

		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(this.dir), new SimpleMeterRegistry());
		assertThat(StartupModelLoad.pendingFor(this.dir)).isFalse();
		holder.afterSingletonsInstantiated();
		assertThat(holder.require().modelVersion()).isEqualTo("v1");
	}

	@Test
	void environmentPreparedWhenModelChangedBeforeClaimShouldServeTheNewFiles() {
		TestModels.write(this.dir, "v1", 1.0);
		prepared(this.dir.toString());
		TestModels.write(this.dir, "v2", 2.0);

		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(this.dir), new SimpleMeterRegistry());
		holder.afterSingletonsInstantiated();
		assertThat(holder.require().modelVersion()).isEqualTo("v2");
	}

	@Test
	void environmentPreparedWhenNoModelShouldBeginNothing() {
		prepared(this.dir.resolve("absent").toString());
		assertThat(StartupModelLoad.pendingFor(this.dir.resolve("absent"))).isFalse();
	}

	@Test
	void holderWhenEarlyLoadIsForAnotherDirectoryShouldLoadItsOwnAndDropTheOther() {
		Path other = this.dir.resolve("other");
		TestModels.write(other, "other", 1.0);
		TestModels.write(this.dir.resolve("mine"), "mine", 1.0);
		prepared(other.toString());

		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(this.dir.resolve("mine")),
				new SimpleMeterRegistry());
		holder.afterSingletonsInstantiated();
		assertThat(holder.require().modelVersion()).isEqualTo("mine");
		assertThat(StartupModelLoad.pendingFor(other)).isFalse();
	}

	private static void prepared(String modelDir) {
		MockEnvironment environment = new MockEnvironment().withProperty("serving.model-dir", modelDir);
		new EarlyModelLoadListener().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
	}

}
