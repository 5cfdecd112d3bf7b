package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

import dev.pokewatch.collector.schedule.SchedulerMetrics.SkipReason;

/**
 * Runs the jobs: one at a time under the {@link JobLock} (a trigger while another run
 * holds it is refused, logged and counted), remembers each job's last run in the
 * {@link SchedulerStateFile}, retrains after a drift run whose report says drift (unless
 * within the cooldown of the last retrain), and at start catches up once a job that
 * missed its cron while the scheduler was down. A job refused by the lock while another
 * job ran in this process runs once when that run ends. A failed job is logged and
 * recorded; it never stops the scheduler.
 */
public class JobScheduler {

	/** The trigger of a cron fire. */
	public static final String CRON = "cron";

	/** The trigger of a run caught up at start. */
	public static final String CATCH_UP = "catch-up";

	/** The trigger of a retrain a drift report asked for. */
	public static final String DRIFT = "drift";

	/** The trigger of a run refused by the lock, run once the run holding it ended. */
	public static final String AFTER_LOCK = "after-lock";

	private static final Logger logger = LoggerFactory.getLogger(JobScheduler.class);

	private final SchedulerProperties properties;

	private final Map<JobName, JobWork> work;

	private final JobLock lock;

	private final SchedulerStateFile stateFile;

	private final DriftRetrainTrigger driftReport;

	private final SchedulerMetrics metrics;

	private final Clock clock;

	private final Map<JobName, CronExpression> crons = new EnumMap<>(JobName.class);

	private final Map<JobName, JobHistory> histories;

	// jobs refused by the lock while another job ran here: each runs once when that run
	// ends, so that drift's cron fire during a long collection is late, not lost
	private final Set<JobName> deferred = EnumSet.noneOf(JobName.class);

	public JobScheduler(SchedulerProperties properties, Map<JobName, JobWork> work, SchedulerMetrics metrics,
			Clock clock) {
		this.properties = properties;
		this.work = new EnumMap<>(work);
		this.lock = new JobLock(properties.resolve(properties.lockFile()));
		this.stateFile = new SchedulerStateFile(properties.resolve(properties.stateFile()));
		this.driftReport = new DriftRetrainTrigger(properties.resolve(properties.driftReport()));
		this.metrics = metrics;
		this.clock = clock;
		for (JobName job : JobName.values()) {
			this.crons.put(job, CronExpression.parse(properties.job(job).cron()));
		}
		this.histories = new EnumMap<>(this.stateFile.load());
		this.histories.forEach(metrics::restore);
		refreshNextRuns();
	}

	/**
	 * Runs a job now unless it is disabled, another run holds the lock, or (for a
	 * drift-triggered retrain) the last retrain is within the cooldown.
	 * @param job the job
	 * @param trigger what asks for it: {@link #CRON}, {@link #CATCH_UP}, {@link #DRIFT}
	 * @return the finished run, or empty when it did not run
	 */
	public Optional<JobRun> trigger(JobName job, String trigger) {
		try {
			if (!this.properties.job(job).enabled()) {
				logger.info("job {} skipped: disabled", job.id());
				return Optional.empty();
			}
			if (DRIFT.equals(trigger) && withinCooldown(job)) {
				return Optional.empty();
			}
			Optional<JobRun> run = runLocked(job, trigger);
			run.filter((finished) -> job == JobName.DRIFT && finished.outcome() == JobOutcome.SUCCESS)
				.ifPresent((finished) -> retrainIfDrift());
			run.ifPresent((finished) -> runDeferred());
			return run;
		}
		finally {
			refreshNextRuns();
		}
	}

	/**
	 * At start: runs once each enabled job whose cron fired since its last run (each job
	 * once, however many fires it missed). A job that never ran waits for its cron.
	 * @return the jobs that ran
	 */
	public List<JobName> catchUp() {
		List<JobName> ran = new ArrayList<>();
		for (JobName job : JobName.values()) {
			JobRun last = history(job).lastRun();
			if (!this.properties.job(job).enabled() || last == null) {
				continue;
			}
			Instant missed = next(job, last.start());
			if (missed != null && !missed.isAfter(this.clock.instant())) {
				logger.info("job {} missed its run of {} (last run {}): catching up once", job.id(), missed,
						last.start());
				if (trigger(job, CATCH_UP).isPresent()) {
					ran.add(job);
				}
			}
		}
		return ran;
	}

	/**
	 * What the scheduler remembers of a job.
	 * @param job the job
	 * @return its history
	 */
	public JobHistory history(JobName job) {
		synchronized (this.histories) {
			return this.histories.get(job);
		}
	}

	/**
	 * When the job's cron fires next.
	 * @param job the job
	 * @return the time, or {@code null} when the job is disabled
	 */
	public Instant nextRun(JobName job) {
		return this.properties.job(job).enabled() ? next(job, this.clock.instant()) : null;
	}

	/**
	 * The job's settings.
	 * @param job the job
	 * @return its cron, command and whether it is enabled
	 */
	public SchedulerProperties.Job settings(JobName job) {
		return this.properties.job(job);
	}

	private Optional<JobRun> runLocked(JobName job, String trigger) {
		Instant start = this.clock.instant();
		Optional<JobLock.Held> held = this.lock.tryAcquire(job, start);
		if (held.isEmpty()) {
			String holder = this.lock.holder();
			String[] parts = holder.split(" ", 2);
			String running = parts[0];
			// the same job running now does the work this trigger asked for
			boolean defer = !running.equals(job.id()) && !AFTER_LOCK.equals(trigger);
			logger.warn("job {} skipped: job {} is running since {}{}", job.id(), running,
					(parts.length > 1) ? parts[1] : "an unknown time",
					defer ? "; it runs once when that run ends here" : "");
			this.metrics.skipped(job, SkipReason.LOCK);
			if (defer) {
				synchronized (this.deferred) {
					this.deferred.add(job);
				}
			}
			return Optional.empty();
		}
		synchronized (this.deferred) {
			this.deferred.remove(job);
		}
		try (JobLock.Held ignored = held.get()) {
			logger.info("job {} started ({})", job.id(), trigger);
			JobResult result = runSafely(job);
			JobRun run = new JobRun(trigger, start, this.clock.instant(), result.outcome(), result.detail());
			record(job, run);
			return Optional.of(run);
		}
	}

	private JobResult runSafely(JobName job) {
		try {
			return this.work.get(job).run();
		}
		catch (RuntimeException ex) {
			logger.error("job {} failed", job.id(), ex);
			return new JobResult(JobOutcome.FAILURE, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void record(JobName job, JobRun run) {
		Map<JobName, JobHistory> snapshot;
		synchronized (this.histories) {
			this.histories.put(job, this.histories.get(job).after(run));
			snapshot = new EnumMap<>(this.histories);
		}
		this.metrics.finished(job, run);
		try {
			this.stateFile.save(snapshot);
		}
		catch (RuntimeException ex) {
			// the run happened; losing its record costs at most one extra catch-up
			logger.error("job {}: cannot save the scheduler state: {}", job.id(), ex.getMessage());
		}
		String message = "job {} {} in {} ({}): {}";
		Object[] args = { job.id(), run.outcome().id(), run.duration(), run.trigger(), run.detail() };
		if (run.outcome() == JobOutcome.SUCCESS) {
			logger.info(message, args);
		}
		else {
			logger.error(message, args);
		}
	}

	private void retrainIfDrift() {
		Optional<String> reason;
		try {
			reason = this.driftReport.retrainReason();
		}
		catch (IOException ex) {
			logger.error("job drift: cannot read its report to decide on a retrain: {}", ex.getMessage());
			return;
		}
		if (reason.isPresent()) {
			logger.info("job drift: {}: triggering retrain", reason.get());
			trigger(JobName.RETRAIN, DRIFT);
		}
	}

	private void runDeferred() {
		for (JobName job : JobName.values()) {
			boolean due;
			synchronized (this.deferred) {
				due = this.deferred.contains(job);
			}
			if (due) {
				trigger(job, AFTER_LOCK);
			}
		}
	}

	private boolean withinCooldown(JobName job) {
		JobRun last = history(job).lastRun();
		Duration cooldown = this.properties.retrainCooldown();
		if (last != null && last.start().plus(cooldown).isAfter(this.clock.instant())) {
			logger.info("job {} skipped: drift asked for it, but the last {} started at {}, within the cooldown of {}",
					job.id(), job.id(), last.start(), cooldown);
			this.metrics.skipped(job, SkipReason.COOLDOWN);
			return true;
		}
		return false;
	}

	private Instant next(JobName job, Instant after) {
		ZonedDateTime next = this.crons.get(job).next(after.atZone(this.properties.zone()));
		return (next != null) ? next.toInstant() : null;
	}

	private void refreshNextRuns() {
		for (JobName job : JobName.values()) {
			this.metrics.nextRun(job, nextRun(job));
		}
	}

}
