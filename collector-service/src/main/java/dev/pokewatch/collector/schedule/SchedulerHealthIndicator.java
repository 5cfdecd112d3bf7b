package dev.pokewatch.collector.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.pokewatch.collector.schedule.SchedulerProperties.Job;

/**
 * The scheduler on {@code /actuator/health}: per job its last outcome, last success and
 * next run. Always up: a failed job is shown, and counted in the metrics the alerts
 * watch, but does not make the process unhealthy (restarting it would not help).
 */
class SchedulerHealthIndicator implements HealthIndicator {

	private final JobScheduler scheduler;

	SchedulerHealthIndicator(JobScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (JobName job : JobName.values()) {
			health.withDetail(job.id(), details(job));
		}
		return health.build();
	}

	private Map<String, Object> details(JobName job) {
		Job settings = this.scheduler.settings(job);
		JobHistory history = this.scheduler.history(job);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("enabled", settings.enabled());
		details.put("cron", settings.cron());
		if (history.lastRun() != null) {
			JobRun last = history.lastRun();
			details.put("lastOutcome", last.outcome().id());
			details.put("lastRun", Map.of("trigger", last.trigger(), "start", last.start().toString(), "end",
					last.end().toString(), "detail", last.detail()));
		}
		else {
			details.put("lastOutcome", "never run");
		}
		details.put("lastSuccess", text(history.lastSuccess()));
		details.put("nextRun", text(this.scheduler.nextRun(job)));
		return details;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : "none";
	}

}
