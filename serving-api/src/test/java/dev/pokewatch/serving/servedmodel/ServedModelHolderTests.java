package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServedModelHolder}.
 */
class ServedModelHolderTests {

	@TempDir
	Path dir;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void afterSingletonsInstantiatedWhenNoModelShouldStartWithout503Reason() {
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.dir.resolve("absent")), this.meters);
		registry.afterSingletonsInstantiated();
		assertThat(registry.current()).isNull();
		assertThatExceptionOfType(ModelNotLoadedException.class).isThrownBy(registry::require)
			.withMessageContaining("model_metadata.json")
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(503));
		assertThat(this.meters.get("pokewatch.model.loaded").gauge().value()).isZero();
	}

	@Test
	void afterSingletonsInstantiatedWhenModelChangedSinceConstructionShouldServeTheNewFiles() {
		TestModels.write(this.dir, "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.dir), this.meters);
		TestModels.write(this.dir, "v2", 2.0);
		registry.afterSingletonsInstantiated();
		assertThat(registry.require().modelVersion()).isEqualTo("v2");
		assertThat(registry.require().card(TestModels.CARD_A).fairPrice(1)).isEqualTo(200.0);
	}

	@Test
	void afterSingletonsInstantiatedWhenModelAppearedSinceConstructionShouldLoadIt() {
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.dir), this.meters);
		TestModels.write(this.dir, "v1", 1.0);
		registry.afterSingletonsInstantiated();
		assertThat(registry.require().modelVersion()).isEqualTo("v1");
		assertThat(this.meters.get("pokewatch.model.reloads")
			.tag("outcome", "success")
			.tag("trigger", "startup")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void reloadWhenNewModelShouldSwapAndCountSuccess() {
		TestModels.write(this.dir, "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.dir), this.meters);
		registry.afterSingletonsInstantiated();
		ModelIndex first = registry.require();
		TestModels.write(this.dir, "v2", 2.0);
		ServedModelHolder.ReloadOutcome outcome = registry.reload("admin");
		assertThat(outcome.success()).isTrue();
		assertThat(outcome.previous()).isSameAs(first);
		assertThat(registry.require().modelVersion()).isEqualTo("v2");
		assertThat(registry.require().generation()).isGreaterThan(first.generation());
		assertThat(this.meters.get("pokewatch.model.reloads")
			.tag("outcome", "success")
			.tag("trigger", "admin")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("pokewatch.model.info").tag("version", "v2").gauge().value()).isEqualTo(1);
		assertThat(this.meters.find("pokewatch.model.info").tag("version", "v1").gauge()).isNull();
		assertThat(this.meters.get("pokewatch.model.cards").gauge().value()).isEqualTo(3);
	}

	@Test
	void reloadWhenMetadataIsCorruptShouldKeepOldModelAndSayWhy() {
		TestModels.write(this.dir, "v1", 1.0);
		ServedModelHolder registry = new ServedModelHolder(TestProperties.of(this.dir), this.meters);
		registry.afterSingletonsInstantiated();
		TestModels.corruptMetadata(this.dir);
		ServedModelHolder.ReloadOutcome outcome = registry.reload("file");
		assertThat(outcome.success()).isFalse();
		assertThat(outcome.error()).contains("model_metadata.json");
		assertThat(registry.require().modelVersion()).isEqualTo("v1");
		assertThat(registry.lastError()).isEqualTo(outcome.error());
		assertThat(this.meters.get("pokewatch.model.reloads").tag("outcome", "failure").counter().count()).isEqualTo(1);
	}

}
