package dev.pokewatch.collector.schedule;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * The scheduler, only in {@code serve} mode (a one-shot {@code collect} must not start
 * it): a cron task per enabled job, and the catch-up once the application is ready.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "collector.mode", havingValue = "serve")
class ScheduleConfiguration implements SchedulingConfigurer {

	private final JobScheduler scheduler;

	private final SchedulerProperties properties;

	private final ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();

	ScheduleConfiguration(CollectionService service, CollectorProperties collector, SchedulerProperties properties,
			MeterRegistry registry, Clock clock) {
		this.properties = properties;
		Map<JobName, JobWork> work = new EnumMap<>(JobName.class);
		work.put(JobName.COLLECT, new CollectJob(service, collector));
		for (JobName job : new JobName[] { JobName.DRIFT, JobName.RETRAIN }) {
			SchedulerProperties.Job settings = properties.job(job);
			work.put(job, new CommandJob(job, settings.command(), properties.workingDirectory(), settings.timeout()));
		}
		this.scheduler = new JobScheduler(properties, work, new SchedulerMetrics(registry), clock);
	}

	@Bean
	JobScheduler jobScheduler() {
		return this.scheduler;
	}

	// a bean so that the context shuts its threads down
	@Bean
	ThreadPoolTaskScheduler schedulerThreads() {
		return this.threads;
	}

	@Bean
	SchedulerHealthIndicator schedulerHealthIndicator() {
		return new SchedulerHealthIndicator(this.scheduler);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> schedulerCatchUp() {
		return (event) -> {
			if (this.properties.catchUp()) {
				// off the main thread: the health and metrics endpoints answer during a
				// catch-up
				Thread.ofPlatform().name("scheduler-catch-up").start(this.scheduler::catchUp);
			}
		};
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		// a thread per job: a cron fire while another job runs is then refused by the
		// lock (and says so) instead of queueing silently behind it
		this.threads.setPoolSize(JobName.values().length);
		this.threads.setThreadNamePrefix("scheduler-");
		this.threads.initialize();
		registrar.setTaskScheduler(this.threads);
		for (JobName job : JobName.values()) {
			SchedulerProperties.Job settings = this.properties.job(job);
			if (settings.enabled()) {
				registrar.addCronTask(new CronTask(() -> this.scheduler.trigger(job, JobScheduler.CRON),
						new CronTrigger(settings.cron(), this.properties.zone())));
			}
		}
	}

}
