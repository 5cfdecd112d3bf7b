package dev.pokewatch.collector.system;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.CollectorMetrics;
import dev.pokewatch.collector.collect.PriceSources;
import dev.pokewatch.collector.collect.Progress;
import dev.pokewatch.collector.http.Sleeper;

/**
 * Wires the collection service; the clock and sleeper are beans so tests can replace
 * them.
 */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

	@Bean
	Clock collectorClock() {
		return Clock.systemUTC();
	}

	@Bean
	Sleeper collectorSleeper() {
		return Sleeper.system();
	}

	@Bean
	PriceSources priceSources(CollectorProperties properties, Clock clock, Sleeper sleeper) {
		return new PriceSources(properties, clock, sleeper);
	}

	@Bean
	CollectorMetrics collectorMetrics(MeterRegistry registry, Clock clock) {
		return new CollectorMetrics(registry, clock);
	}

	@Bean
	CollectionService collectionService(PriceSources sources, CollectorMetrics metrics, Clock clock) {
		return new CollectionService(sources, metrics, clock, Progress.Factory.console(System.err));
	}

}
