package dev.pokewatch.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.pokewatch.collector.schedule.JobScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CollectorApplication} in {@code serve} mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "collector.mode=serve")
class CollectorApplicationTests {

	@TempDir
	static Path workspace;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void scheduler(DynamicPropertyRegistry registry) {
		// the state and lock files of the scheduler go to a temporary directory
		registry.add("collector.scheduler.working-directory", () -> workspace.toString());
	}

	@Test
	void serveWhenStartedShouldScheduleTheJobsAndExposeMetricsAndHealth(@Autowired JobScheduler jobs,
			@Autowired ScheduledTaskHolder scheduler) throws Exception {
		assertThat(jobs).isNotNull();
		assertThat(scheduler.getScheduledTasks()).extracting((task) -> task.getTask())
			.filteredOn(CronTask.class::isInstance)
			.map(CronTask.class::cast)
			.extracting(CronTask::getExpression)
			.containsExactlyInAnyOrder("0 0 3 * * *", "0 0 4 * * *", "0 0 5 * * SUN");
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> metrics = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("pokewatch_collector_cards_total{outcome=\"collected\"}")
				.contains("pokewatch_collector_cards_total{outcome=\"failed\"}")
				.contains("pokewatch_collector_run_duration_seconds")
				.contains("pokewatch_collector_last_success_timestamp_seconds")
				.contains("pokewatch_scheduler_job_last_success_timestamp_seconds{job=\"retrain\"}")
				.contains("pokewatch_scheduler_job_next_run_timestamp_seconds{job=\"drift\"}")
				.contains("pokewatch_scheduler_job_last_duration_seconds{job=\"collect\"}")
				.contains("pokewatch_scheduler_job_runs_total{job=\"drift\",outcome=\"failure\"}")
				.contains("pokewatch_scheduler_job_skipped_total{job=\"retrain\",reason=\"lock\"}");
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.body()).contains("\"status\":\"UP\"")
				.contains("\"scheduler\"")
				.contains("\"lastOutcome\":\"never run\"")
				.contains("\"nextRun\":");
			HttpResponse<String> env = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/env")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(env.statusCode()).isEqualTo(404);
		}
	}

}
