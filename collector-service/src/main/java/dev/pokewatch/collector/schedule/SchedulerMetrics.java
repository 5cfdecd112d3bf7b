package dev.pokewatch.collector.schedule;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.pokewatch.common.telemetry.MeterNames;

/**
 * The scheduler's meters, per job: last success, last duration, next run, runs by outcome
 * and triggers skipped (by the lock or the retrain cooldown).
 */
public class SchedulerMetrics {

	/** Why a trigger did not run: the {@code reason} tag. */
	public enum SkipReason {

		/** Another run held the lock. */
		LOCK,

		/** A drift-triggered retrain came within the cooldown of the last retrain. */
		COOLDOWN;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final MeterRegistry registry;

	private final Map<JobName, AtomicLong> lastSuccess = new EnumMap<>(JobName.class);

	private final Map<JobName, AtomicReference<Double>> lastDuration = new EnumMap<>(JobName.class);

	private final Map<JobName, AtomicLong> nextRun = new EnumMap<>(JobName.class);

	public SchedulerMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (JobName job : JobName.values()) {
			this.lastSuccess.put(job, new AtomicLong());
			this.lastDuration.put(job, new AtomicReference<>(0.0));
			this.nextRun.put(job, new AtomicLong());
			Gauge.builder(MeterNames.SCHEDULER_JOB_LAST_SUCCESS, this.lastSuccess.get(job), AtomicLong::get)
				.description("Unix time of the end of the job's last successful run (0 = never)")
				.baseUnit("seconds")
				.tag("job", job.id())
				.register(registry);
			Gauge.builder(MeterNames.SCHEDULER_JOB_LAST_DURATION, this.lastDuration.get(job), AtomicReference::get)
				.description("Duration of the job's last run")
				.baseUnit("seconds")
				.tag("job", job.id())
				.register(registry);
			Gauge.builder(MeterNames.SCHEDULER_JOB_NEXT_RUN, this.nextRun.get(job), AtomicLong::get)
				.description("Unix time of the job's next cron run (0 = disabled)")
				.baseUnit("seconds")
				.tag("job", job.id())
				.register(registry);
			for (JobOutcome outcome : JobOutcome.values()) {
				runs(job, outcome);
			}
			for (SkipReason reason : SkipReason.values()) {
				skippedCounter(job, reason);
			}
		}
	}

	/**
	 * Shows the remembered history (at start, from the state file).
	 * @param job the job
	 * @param history its history
	 */
	public void restore(JobName job, JobHistory history) {
		if (history.lastSuccess() != null) {
			this.lastSuccess.get(job).set(history.lastSuccess().getEpochSecond());
		}
		if (history.lastRun() != null) {
			this.lastDuration.get(job).set(history.lastRun().duration().toMillis() / 1000.0);
		}
	}

	/**
	 * Records a finished run.
	 * @param job the job
	 * @param run the run
	 */
	public void finished(JobName job, JobRun run) {
		runs(job, run.outcome()).increment();
		this.lastDuration.get(job).set(run.duration().toMillis() / 1000.0);
		if (run.outcome() == JobOutcome.SUCCESS) {
			this.lastSuccess.get(job).set(run.end().getEpochSecond());
		}
	}

	/**
	 * Records a trigger that did not run.
	 * @param job the job
	 * @param reason why
	 */
	public void skipped(JobName job, SkipReason reason) {
		skippedCounter(job, reason).increment();
	}

	/**
	 * Shows the next cron run.
	 * @param job the job
	 * @param next when, or {@code null} when the job is disabled
	 */
	public void nextRun(JobName job, Instant next) {
		this.nextRun.get(job).set((next != null) ? next.getEpochSecond() : 0);
	}

	private Counter runs(JobName job, JobOutcome outcome) {
		return Counter.builder(MeterNames.SCHEDULER_JOB_RUNS)
			.description("Finished job runs by outcome")
			.tag("job", job.id())
			.tag("outcome", outcome.id())
			.register(this.registry);
	}

	private Counter skippedCounter(JobName job, SkipReason reason) {
		return Counter.builder(MeterNames.SCHEDULER_JOB_SKIPPED)
			.description("Job triggers that did not run: another run held the lock, or the retrain cooldown")
			.tag("job", job.id())
			.tag("reason", reason.tag())
			.register(this.registry);
	}

}
