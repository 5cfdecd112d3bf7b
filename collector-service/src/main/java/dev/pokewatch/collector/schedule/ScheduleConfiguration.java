package dev.pokewatch.collector.schedule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * Scheduling, only in {@code serve} mode (a one-shot {@code collect} must not start it).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "collector.mode", havingValue = "serve")
class ScheduleConfiguration {

	@Bean
	ScheduledCollection scheduledCollection(CollectionService service, CollectorProperties properties) {
		return new ScheduledCollection(service, properties);
	}

}
