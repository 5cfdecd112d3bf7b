package dev.pokewatch.collector.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CollectorProperties}.
 */
class CollectorPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingSetShouldUseDefaults() {
		this.runner.run((context) -> {
			CollectorProperties properties = context.getBean(CollectorProperties.class);
			assertThat(properties.source()).isEqualTo("auto");
			assertThat(properties.cardsConfig()).isEqualTo(Path.of("config/cards.yaml"));
			assertThat(properties.rawDir()).isEqualTo(Path.of("data/raw"));
			assertThat(properties.pokemonPriceTracker().baseUrl())
				.isEqualTo(URI.create("https://www.pokemonpricetracker.com/api/v2"));
			assertThat(properties.pokemonPriceTracker().hasApiKey()).isFalse();
			assertThat(properties.pokemonPriceTracker().requestsPerMinute()).isEqualTo(60);
			assertThat(properties.http().maxAttempts()).isEqualTo(4);
			assertThat(properties.sample().replayDays()).isNull();
		});
	}

	@Test
	void bindWhenSetShouldOverrideAndNeverPrintKey() {
		this.runner
			.withPropertyValues("collector.source=tcgcsv", "collector.pokemon-price-tracker.api-key=k-123",
					"collector.http.read-timeout=3s", "collector.tcgcsv.base-url=http://localhost:1")
			.run((context) -> {
				CollectorProperties properties = context.getBean(CollectorProperties.class);
				assertThat(properties.source()).isEqualTo("tcgcsv");
				assertThat(properties.http().readTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.tcgcsv().baseUrl()).isEqualTo(URI.create("http://localhost:1"));
				assertThat(properties.pokemonPriceTracker().hasApiKey()).isTrue();
				assertThat(properties.toString()).doesNotContain("k-123");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CollectorProperties.class)
	static class Config {

	}

}
