package dev.pokewatch.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.pokewatch.collector.schedule.ScheduledCollection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CollectorApplication} in {@code serve} mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "collector.mode=serve")
class CollectorApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void serveWhenStartedShouldScheduleDailyCollectionAndExposeMetrics(@Autowired ScheduledCollection job,
			@Autowired ScheduledTaskHolder scheduler) throws Exception {
		assertThat(job).isNotNull();
		assertThat(scheduler.getScheduledTasks()).extracting((task) -> task.getTask())
			.filteredOn(CronTask.class::isInstance)
			.map(CronTask.class::cast)
			.singleElement()
			.satisfies((task) -> assertThat(task.getExpression()).isEqualTo("0 0 3 * * *"));
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> metrics = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("pokewatch_collector_cards_total{outcome=\"collected\"}")
				.contains("pokewatch_collector_cards_total{outcome=\"failed\"}")
				.contains("pokewatch_collector_run_duration_seconds")
				.contains("pokewatch_collector_last_success_timestamp_seconds");
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.body()).contains("\"status\":\"UP\"");
			HttpResponse<String> env = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/env")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(env.statusCode()).isEqualTo(404);
		}
	}

}
