package dev.pokewatch.common.telemetry;

/**
 * The Micrometer names of PokeWatch's own meters. Prometheus shows them with dots turned
 * into underscores and a unit suffix ({@code pokewatch.predictions} is
 * {@code pokewatch_predictions_total}); the Grafana dashboard and alert rules query those
 * forms, and {@code scripts/check_deploy_files.py} checks that each one they use is named
 * here.
 *
 * @since 0.1.0
 */
public final class MeterNames {

	/** Collector: cards per outcome of a run (counter, tag {@code outcome}). */
	public static final String COLLECTOR_CARDS = "pokewatch.collector.cards";

	/** Collector: duration of a collection run (timer). */
	public static final String COLLECTOR_RUN_DURATION = "pokewatch.collector.run.duration";

	/** Collector: when the last run collected something (gauge, epoch seconds). */
	public static final String COLLECTOR_LAST_SUCCESS = "pokewatch.collector.last.success.timestamp";

	/**
	 * Scheduler: when a job's last successful run ended (gauge, epoch seconds, 0 = never;
	 * tag {@code job}).
	 */
	public static final String SCHEDULER_JOB_LAST_SUCCESS = "pokewatch.scheduler.job.last.success.timestamp";

	/** Scheduler: how long a job's last run took (gauge, seconds; tag {@code job}). */
	public static final String SCHEDULER_JOB_LAST_DURATION = "pokewatch.scheduler.job.last.duration";

	/**
	 * Scheduler: when a job's cron fires next (gauge, epoch seconds, 0 = disabled; tag
	 * {@code job}).
	 */
	public static final String SCHEDULER_JOB_NEXT_RUN = "pokewatch.scheduler.job.next.run.timestamp";

	/** Scheduler: finished job runs (counter, tags {@code job}, {@code outcome}). */
	public static final String SCHEDULER_JOB_RUNS = "pokewatch.scheduler.job.runs";

	/**
	 * Scheduler: job triggers that did not run (counter, tags {@code job},
	 * {@code reason}: {@code lock} when another run held the lock, {@code cooldown} for a
	 * drift-triggered retrain too soon after the last one).
	 */
	public static final String SCHEDULER_JOB_SKIPPED = "pokewatch.scheduler.job.skipped";

	/** Serving: predictions answered (counter, tag {@code signal}). */
	public static final String PREDICTIONS = "pokewatch.predictions";

	/**
	 * Counter: latest-day predictions looked up in the Redis online feature store, tagged
	 * {@code outcome} ({@code found}, {@code missing}, {@code unavailable}).
	 */
	public static final String ONLINE_FEATURE_LOOKUPS = "pokewatch.online.feature.lookups";

	/** Serving: the served model (multi-gauge, 1 for the loaded version). */
	public static final String MODEL_INFO = "pokewatch.model.info";

	/** Serving: cards in the served model (gauge). */
	public static final String MODEL_CARDS = "pokewatch.model.cards";

	/** Serving: whether a model is loaded (gauge, 0 or 1). */
	public static final String MODEL_LOADED = "pokewatch.model.loaded";

	/** Serving: when the served model was loaded (gauge, epoch seconds). */
	public static final String MODEL_LOADED_TIMESTAMP = "pokewatch.model.loaded.timestamp";

	/** Serving: model reloads (counter, tags {@code trigger}, {@code outcome}). */
	public static final String MODEL_RELOADS = "pokewatch.model.reloads";

	/**
	 * Serving: requests refused by a limit (counter, tag {@code reason}), by the rate
	 * limiter and by the authentication-failure throttle alike.
	 */
	public static final String RATE_LIMIT_REJECTIONS = "pokewatch.ratelimit.rejections";

	/** Serving: switches from shared (Redis) to local rate limiting (counter). */
	public static final String RATE_LIMIT_REDIS_FALLBACK = "pokewatch.ratelimit.redis.fallback";

	/**
	 * Serving: whether rate limits are currently shared through Redis (gauge, 0 or 1).
	 */
	public static final String RATE_LIMIT_REDIS_UP = "pokewatch.ratelimit.redis.up";

	/**
	 * Drift: the last drift report's status, 0 ok, 1 warn, 2 drift, -1 unknown (gauge).
	 */
	public static final String DRIFT_STATUS = "pokewatch.drift.status";

	/**
	 * Drift: PSI between the reference and current window (multi-gauge, tags feature,
	 * category).
	 */
	public static final String DRIFT_PSI = "pokewatch.drift.psi";

	/** Drift: live next-day MAPE over the training MAPE (gauge). */
	public static final String DRIFT_LIVE_ERROR_RATIO = "pokewatch.drift.live.error.ratio";

	/** Drift: when the last drift report was made (gauge, epoch seconds). */
	public static final String DRIFT_REPORT_TIMESTAMP = "pokewatch.drift.report.timestamp";

	private MeterNames() {
	}

}
