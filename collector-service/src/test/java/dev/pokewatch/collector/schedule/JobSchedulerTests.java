package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.collector.schedule.SchedulerProperties.Job;
import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.collector.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobScheduler}, with real subprocesses (small {@code sh} scripts as the
 * drift and retrain commands), a real file lock and state file, and a clock moved by
 * hand.
 */
class JobSchedulerTests {

	// Monday 2026-11-02 03:00 UTC: collect's default cron fires at 03:00, drift's at
	// 04:00
	private static final Instant MONDAY = Instant.parse("2026-11-02T03:00:00Z");

	@TempDir
	Path workspace;

	private final MutableClock clock = new MutableClock(MONDAY);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicInteger collections = new AtomicInteger();

	@Test
	void triggerWhenTwoAtOnceShouldRunOneAndSkipTheOtherByTheLock() throws Exception {
		// the drift script holds the lock until the test lets it finish
		JobScheduler scheduler = scheduler(script("touch started; while [ ! -f release ]; do sleep 0.02; done; "
				+ "echo drift-run >> runs; " + report("ok")), script("echo retrain-run >> runs"));
		CountDownLatch go = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			List<Future<Optional<JobRun>>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(threads.submit(() -> {
					go.await();
					return scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
				}));
			}
			go.countDown();
			awaitTrue(() -> skipped(JobName.DRIFT, "lock") == 1.0);
			// while drift runs, another job is refused too, and runs once drift ends
			assertThat(scheduler.trigger(JobName.RETRAIN, JobScheduler.CRON)).isEmpty();
			assertThat(skipped(JobName.RETRAIN, "lock")).isEqualTo(1.0);
			Files.createFile(this.workspace.resolve("release"));
			List<Optional<JobRun>> results = new ArrayList<>();
			for (Future<Optional<JobRun>> run : runs) {
				results.add(run.get());
			}
			assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
			assertThat(results).filteredOn(Optional::isEmpty).hasSize(1);
		}
		// the refused drift trigger does not run again: the drift that held the lock did
		// its
		// work
		assertThat(lines("runs")).containsExactly("drift-run", "retrain-run");
		assertThat(runs(JobName.DRIFT, "success")).isEqualTo(1.0);
		assertThat(scheduler.history(JobName.RETRAIN).lastRun().trigger()).isEqualTo(JobScheduler.AFTER_LOCK);
		// the lock is free again
		assertThat(scheduler.trigger(JobName.RETRAIN, JobScheduler.CRON)).isPresent();
	}

	@Test
	void triggerWhenAnotherProcessHoldsTheLockFileShouldSkip() throws Exception {
		JobScheduler scheduler = scheduler(script(report("ok")), script("exit 0"));
		Path lockFile = this.workspace.resolve("data/scheduler.lock");
		Files.createDirectories(lockFile.getParent());
		// a manual run elsewhere holding the same lock (fcntl, as the JVM's FileChannel)
		Process holder = new ProcessBuilder("python3", "-c",
				"import fcntl,sys,time\nf=open(sys.argv[1],'a+')\nfcntl.lockf(f,fcntl.LOCK_EX)\n"
						+ "f.truncate(0);f.write('retrain 2026-11-02T02:00:00Z\\n');f.flush()\n"
						+ "print('locked',flush=True)\nsys.stdin.read()",
				lockFile.toString())
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(new String(holder.getInputStream().readNBytes(7))).isEqualTo("locked\n");
			assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isEmpty();
			assertThat(skipped(JobName.DRIFT, "lock")).isEqualTo(1.0);
		}
		finally {
			holder.getOutputStream().close();
			holder.waitFor();
		}
		assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isPresent();
	}

	@Test
	void driftWhenReportSaysDriftShouldRetrainOnceThenHoldTheCooldown() throws Exception {
		JobScheduler scheduler = scheduler(script(report("drift")), script("echo retrain >> runs"));
		assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isPresent();
		assertThat(lines("runs")).containsExactly("retrain");
		assertThat(scheduler.history(JobName.RETRAIN).lastRun().trigger()).isEqualTo(JobScheduler.DRIFT);
		// the next day's drift still says drift, within the 24 h cooldown: no retrain
		this.clock.advance(Duration.ofHours(23));
		assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isPresent();
		assertThat(lines("runs")).containsExactly("retrain");
		assertThat(skipped(JobName.RETRAIN, "cooldown")).isEqualTo(1.0);
		// past the cooldown it retrains again
		this.clock.advance(Duration.ofHours(2));
		scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
		assertThat(lines("runs")).containsExactly("retrain", "retrain");
		assertThat(runs(JobName.RETRAIN, "success")).isEqualTo(2.0);
	}

	@Test
	void cooldownShouldNotHoldOffTheWeeklyCronRetrain() throws Exception {
		JobScheduler scheduler = scheduler(script(report("drift")), script("echo retrain >> runs"));
		scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
		this.clock.advance(Duration.ofHours(1));
		assertThat(scheduler.trigger(JobName.RETRAIN, JobScheduler.CRON)).isPresent();
		assertThat(lines("runs")).containsExactly("retrain", "retrain");
	}

	@Test
	void driftWhenLiveErrorSaysDriftShouldRetrain() throws Exception {
		JobScheduler scheduler = scheduler(
				script("mkdir -p reports; echo '{\"status\":\"warn\",\"live_error\":{\"status\":\"drift\"}}' "
						+ "> reports/drift.json"),
				script("echo retrain >> runs"));
		scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
		assertThat(lines("runs")).containsExactly("retrain");
	}

	@Test
	void driftWhenReportSaysWarnShouldNotRetrain() throws Exception {
		JobScheduler scheduler = scheduler(script(report("warn")), script("echo retrain >> runs"));
		scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
		assertThat(this.workspace.resolve("runs")).doesNotExist();
		assertThat(scheduler.history(JobName.RETRAIN).lastRun()).isNull();
	}

	@Test
	void catchUpAfterDowntimeShouldRunEachMissedJobOnce() throws Exception {
		List<String> drift = script("echo drift >> runs; " + report("ok"));
		List<String> retrain = script("echo retrain >> runs");
		JobScheduler before = scheduler(drift, retrain);
		before.trigger(JobName.COLLECT, JobScheduler.CRON);
		this.clock.set(Instant.parse("2026-11-02T04:00:00Z"));
		before.trigger(JobName.DRIFT, JobScheduler.CRON);
		this.clock.set(Instant.parse("2026-11-02T04:30:00Z"));
		// retrain ran before the scheduler went down; its weekly fire (Sunday 05:00) is
		// still ahead when it comes back
		before.trigger(JobName.RETRAIN, JobScheduler.CRON);
		// down from Monday until Thursday 10:00: collect and drift missed three fires
		// each
		this.clock.set(Instant.parse("2026-11-05T10:00:00Z"));
		JobScheduler after = scheduler(drift, retrain);
		assertThat(after.catchUp()).containsExactly(JobName.COLLECT, JobName.DRIFT);
		assertThat(this.collections).hasValue(2);
		assertThat(lines("runs")).containsExactly("drift", "retrain", "drift");
		assertThat(after.history(JobName.DRIFT).lastRun().trigger()).isEqualTo(JobScheduler.CATCH_UP);
		// caught up: a second start at once runs nothing
		assertThat(scheduler(drift, retrain).catchUp()).isEmpty();
	}

	@Test
	void catchUpWhenJobNeverRanShouldWaitForItsCron() throws Exception {
		JobScheduler scheduler = scheduler(script("echo drift >> runs"), script("echo retrain >> runs"));
		assertThat(scheduler.catchUp()).isEmpty();
		assertThat(this.collections).hasValue(0);
	}

	@Test
	void triggerWhenCommandFailsShouldRecordFailureAndKeepScheduling() throws Exception {
		JobScheduler scheduler = scheduler(script("echo computing; echo 'no processed data' >&2; exit 4"),
				List.of("/nonexistent/pokewatch", "retrain"));
		JobRun drift = scheduler.trigger(JobName.DRIFT, JobScheduler.CRON).orElseThrow();
		assertThat(drift.outcome()).isEqualTo(JobOutcome.FAILURE);
		assertThat(drift.detail()).isEqualTo("exit 4");
		JobRun retrain = scheduler.trigger(JobName.RETRAIN, JobScheduler.CRON).orElseThrow();
		assertThat(retrain.outcome()).isEqualTo(JobOutcome.FAILURE);
		assertThat(retrain.detail()).startsWith("cannot start");
		assertThat(runs(JobName.DRIFT, "failure")).isEqualTo(1.0);
		assertThat(scheduler.history(JobName.DRIFT).lastSuccess()).isNull();
		// the lock was released and the other jobs still run
		assertThat(scheduler.trigger(JobName.COLLECT, JobScheduler.CRON).orElseThrow().outcome())
			.isEqualTo(JobOutcome.SUCCESS);
	}

	@Test
	void triggerWhenGateRefusesShouldRecordARefusalNotAFailure() throws Exception {
		JobScheduler scheduler = scheduler(script(report("ok")),
				script("echo 'quality gate failed: horizon_mape_7d 9 is not <= 4' >&2; exit 3"));
		JobRun retrain = scheduler.trigger(JobName.RETRAIN, JobScheduler.CRON).orElseThrow();
		assertThat(retrain.outcome()).isEqualTo(JobOutcome.REFUSED);
		assertThat(retrain.detail()).isEqualTo("exit 3: the quality gate refused the candidate");
		assertThat(runs(JobName.RETRAIN, "refused")).isEqualTo(1.0);
		assertThat(runs(JobName.RETRAIN, "failure")).isZero();
		// no new model: not a success either
		assertThat(scheduler.history(JobName.RETRAIN).lastSuccess()).isNull();
		assertThat(Files.readString(this.workspace.resolve("data/scheduler-state.json")))
			.contains("\"outcome\" : \"refused\"");
	}

	@Test
	void triggerWhenWorkThrowsShouldRecordFailureAndReleaseTheLock() throws Exception {
		Map<JobName, JobWork> work = work(script("exit 0"), script("exit 0"));
		work.put(JobName.COLLECT, () -> {
			throw new IllegalStateException("source down");
		});
		JobScheduler scheduler = new JobScheduler(properties(script("exit 0"), script("exit 0")), work,
				new SchedulerMetrics(this.registry), this.clock);
		assertThat(scheduler.trigger(JobName.COLLECT, JobScheduler.CRON).orElseThrow().detail())
			.isEqualTo("IllegalStateException: source down");
		assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isPresent();
	}

	@Test
	void triggerWhenCommandOutlivesTimeoutShouldStopItAsFailure() throws Exception {
		SchedulerProperties properties = properties(script("sleep 30"), script("exit 0"));
		Job drift = new Job(true, null, script("sleep 30"), Duration.ofMillis(300));
		properties = new SchedulerProperties(properties.zone(), properties.workingDirectory(), properties.stateFile(),
				properties.lockFile(), properties.driftReport(), properties.retrainCooldown(), true,
				properties.collect(), drift, properties.retrain());
		JobScheduler scheduler = new JobScheduler(properties, work(properties), new SchedulerMetrics(this.registry),
				this.clock);
		long started = System.nanoTime();
		JobRun run = scheduler.trigger(JobName.DRIFT, JobScheduler.CRON).orElseThrow();
		assertThat(run.outcome()).isEqualTo(JobOutcome.FAILURE);
		assertThat(run.detail()).startsWith("timed out");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void stateFileShouldSurviveRestart() throws Exception {
		List<String> drift = script(report("ok"));
		List<String> retrain = script("exit 1");
		JobScheduler first = scheduler(drift, retrain);
		first.trigger(JobName.DRIFT, JobScheduler.CRON);
		this.clock.advance(Duration.ofMinutes(5));
		first.trigger(JobName.RETRAIN, JobScheduler.CRON);
		JobScheduler restarted = new JobScheduler(properties(drift, retrain), work(drift, retrain),
				new SchedulerMetrics(new SimpleMeterRegistry()), this.clock);
		assertThat(restarted.history(JobName.DRIFT)).isEqualTo(first.history(JobName.DRIFT));
		assertThat(restarted.history(JobName.RETRAIN)).isEqualTo(first.history(JobName.RETRAIN));
		assertThat(restarted.history(JobName.DRIFT).lastSuccess()).isEqualTo(MONDAY);
		assertThat(restarted.history(JobName.RETRAIN).lastRun().outcome()).isEqualTo(JobOutcome.FAILURE);
		assertThat(restarted.history(JobName.COLLECT)).isEqualTo(JobHistory.NEVER);
		assertThat(Files.readString(this.workspace.resolve("data/scheduler-state.json")))
			.contains("\"outcome\" : \"failure\"");
	}

	@Test
	void stateFileWhenUnreadableShouldStartWithoutHistory() throws Exception {
		Files.createDirectories(this.workspace.resolve("data"));
		Files.writeString(this.workspace.resolve("data/scheduler-state.json"), "{\"jobs\": {\"drift\": ");
		JobScheduler scheduler = scheduler(script("exit 0"), script("exit 0"));
		assertThat(scheduler.history(JobName.DRIFT)).isEqualTo(JobHistory.NEVER);
		assertThat(scheduler.trigger(JobName.DRIFT, JobScheduler.CRON)).isPresent();
	}

	@Test
	void metricsShouldShowNextRunLastSuccessAndDuration() throws Exception {
		JobScheduler scheduler = scheduler(script(report("ok")), script("exit 0"));
		// next drift: Monday 04:00; next retrain: Sunday 2026-11-08 05:00
		assertThat(gauge(MeterNames.SCHEDULER_JOB_NEXT_RUN, JobName.DRIFT))
			.isEqualTo(Instant.parse("2026-11-02T04:00:00Z").getEpochSecond());
		assertThat(gauge(MeterNames.SCHEDULER_JOB_NEXT_RUN, JobName.RETRAIN))
			.isEqualTo(Instant.parse("2026-11-08T05:00:00Z").getEpochSecond());
		this.clock.set(Instant.parse("2026-11-02T04:00:00Z"));
		scheduler.trigger(JobName.DRIFT, JobScheduler.CRON);
		assertThat(gauge(MeterNames.SCHEDULER_JOB_LAST_SUCCESS, JobName.DRIFT))
			.isEqualTo(Instant.parse("2026-11-02T04:00:00Z").getEpochSecond());
		assertThat(gauge(MeterNames.SCHEDULER_JOB_NEXT_RUN, JobName.DRIFT))
			.isEqualTo(Instant.parse("2026-11-03T04:00:00Z").getEpochSecond());
		assertThat(gauge(MeterNames.SCHEDULER_JOB_LAST_DURATION, JobName.DRIFT)).isZero();
		assertThat(scheduler.nextRun(JobName.COLLECT)).isEqualTo(Instant.parse("2026-11-03T03:00:00Z"));
	}

	private JobScheduler scheduler(List<String> drift, List<String> retrain) {
		return new JobScheduler(properties(drift, retrain), work(drift, retrain), new SchedulerMetrics(this.registry),
				this.clock);
	}

	private SchedulerProperties properties(List<String> drift, List<String> retrain) {
		return new SchedulerProperties(ZoneOffset.UTC, this.workspace, Path.of("data/scheduler-state.json"),
				Path.of("data/scheduler.lock"), Path.of("reports/drift.json"), Duration.ofHours(24), true,
				new Job(true, null, List.of(), Duration.ofSeconds(30)),
				new Job(true, null, drift, Duration.ofSeconds(30)),
				new Job(true, null, retrain, Duration.ofSeconds(30)));
	}

	private Map<JobName, JobWork> work(List<String> drift, List<String> retrain) {
		return work(properties(drift, retrain));
	}

	private Map<JobName, JobWork> work(SchedulerProperties properties) {
		Map<JobName, JobWork> work = new EnumMap<>(JobName.class);
		work.put(JobName.COLLECT, () -> {
			this.collections.incrementAndGet();
			return new JobResult(JobOutcome.SUCCESS, "collected");
		});
		for (JobName job : List.of(JobName.DRIFT, JobName.RETRAIN)) {
			work.put(job,
					new CommandJob(job, properties.job(job).command(), this.workspace, properties.job(job).timeout()));
		}
		return work;
	}

	private static List<String> script(String body) {
		return List.of("sh", "-c", body);
	}

	private static String report(String status) {
		return "mkdir -p reports; echo '{\"status\":\"" + status + "\",\"live_error\":{\"status\":\"ok\"}}' "
				+ "> reports/drift.json";
	}

	private List<String> lines(String file) throws IOException {
		return Files.readAllLines(this.workspace.resolve(file));
	}

	private double skipped(JobName job, String reason) {
		return this.registry.get(MeterNames.SCHEDULER_JOB_SKIPPED)
			.tag("job", job.id())
			.tag("reason", reason)
			.counter()
			.count();
	}

	private double runs(JobName job, String outcome) {
		return this.registry.get(MeterNames.SCHEDULER_JOB_RUNS)
			.tag("job", job.id())
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private double gauge(String name, JobName job) {
		return this.registry.get(name).tag("job", job.id()).gauge().value();
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
