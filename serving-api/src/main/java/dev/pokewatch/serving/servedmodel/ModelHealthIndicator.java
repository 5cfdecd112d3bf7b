package dev.pokewatch.serving.servedmodel;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Makes {@code /actuator/health} (the container health check) report DOWN while no model
 * is loaded: such a replica can only answer 503, so it must not count as healthy.
 */
@Component("model")
class ModelHealthIndicator implements HealthIndicator {

	private final ServedModelHolder registry;

	ModelHealthIndicator(ServedModelHolder registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		ModelIndex index = this.registry.current();
		if (index == null) {
			return Health.down().withDetail("reason", "no model loaded (train one: make pipeline)").build();
		}
		return Health.up()
			.withDetail("model_version", index.modelVersion())
			.withDetail("cards_count", index.cardsCount())
			.build();
	}

}
