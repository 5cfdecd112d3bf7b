package dev.pokewatch.collector.cli;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * Beans of the one-shot {@code collect} mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "collector.mode", havingValue = "collect")
class CollectModeConfiguration {

	@Bean
	CollectCommandRunner collectCommandRunner(CollectionService service, CollectorProperties properties) {
		return new CollectCommandRunner(new CollectCommand(service, properties, System.out, System.err));
	}

}
