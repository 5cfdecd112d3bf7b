package dev.pokewatch.collector.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scheduler of {@code serve} mode ({@code collector.scheduler.*});
 * {@code application.yml} maps the environment variables onto them.
 *
 * @param zone the time zone of the cron expressions
 * @param workingDirectory where the job commands run and relative paths resolve
 * @param stateFile each job's last run, kept across restarts
 * @param lockFile the file lock held while any job runs
 * @param driftReport the report a drift run writes, read to decide on a retrain
 * @param retrainCooldown no drift-triggered retrain within this time of the last one
 * @param catchUp whether a job that missed its cron while the scheduler was down runs
 * once at start
 * @param collect the in-process collection
 * @param drift the drift command
 * @param retrain the retrain command
 */
@ConfigurationProperties("collector.scheduler")
public record SchedulerProperties(@DefaultValue("UTC") ZoneId zone, @DefaultValue(".") Path workingDirectory,
		@DefaultValue("data/scheduler-state.json") Path stateFile, @DefaultValue("data/scheduler.lock") Path lockFile,
		@DefaultValue("reports/drift.json") Path driftReport, @DefaultValue("24h") Duration retrainCooldown,
		@DefaultValue("true") boolean catchUp, @DefaultValue Job collect, @DefaultValue Job drift,
		@DefaultValue Job retrain) {

	/** Default cron of {@code collect}: daily 03:00. */
	public static final String COLLECT_CRON = "0 0 3 * * *";

	/** Default cron of {@code drift}: daily 04:00, an hour after the collection. */
	public static final String DRIFT_CRON = "0 0 4 * * *";

	/** Default cron of {@code retrain}: Sundays 05:00. */
	public static final String RETRAIN_CRON = "0 0 5 * * SUN";

	public SchedulerProperties {
		// one record type for the three jobs, so the per-job defaults are filled in here
		collect = collect.withDefaults(COLLECT_CRON, List.of());
		drift = drift.withDefaults(DRIFT_CRON, List.of("bin/pokewatch", "drift", "--preprocess"));
		retrain = retrain.withDefaults(RETRAIN_CRON, List.of("bin/pokewatch", "retrain"));
	}

	/**
	 * The settings of one job.
	 * @param name the job
	 * @return its settings
	 */
	public Job job(JobName name) {
		return switch (name) {
			case COLLECT -> this.collect;
			case DRIFT -> this.drift;
			case RETRAIN -> this.retrain;
		};
	}

	/**
	 * A path resolved against the working directory.
	 * @param path a configured path
	 * @return the path to use
	 */
	public Path resolve(Path path) {
		return this.workingDirectory.resolve(path);
	}

	/**
	 * One job.
	 *
	 * @param enabled whether it runs at all
	 * @param cron Spring cron expression (six fields, with seconds); blank: the job's
	 * default
	 * @param command the command line of a subprocess job; empty: the job's default
	 * (ignored by {@code collect}, which runs in process)
	 * @param timeout a subprocess running longer is stopped and counted as a failure
	 */
	public record Job(@DefaultValue("true") boolean enabled, String cron, List<String> command,
			@DefaultValue("6h") Duration timeout) {

		Job withDefaults(String defaultCron, List<String> defaultCommand) {
			return new Job(this.enabled, (this.cron == null || this.cron.isBlank()) ? defaultCron : this.cron.trim(),
					(this.command == null || this.command.isEmpty()) ? defaultCommand : List.copyOf(this.command),
					this.timeout);
		}

	}

}
