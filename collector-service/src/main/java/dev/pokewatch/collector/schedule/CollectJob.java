package dev.pokewatch.collector.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.RunSummary;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.UsageException;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * The {@code collect} job: collects in process with the configured source, cards and
 * output directory, as {@code collect} without options would.
 */
public class CollectJob implements JobWork {

	private static final Logger logger = LoggerFactory.getLogger(CollectJob.class);

	private final CollectionService service;

	private final CollectorProperties properties;

	public CollectJob(CollectionService service, CollectorProperties properties) {
		this.service = service;
		this.properties = properties;
	}

	@Override
	public JobResult run() {
		try {
			CollectRequest request = new CollectRequest(
					SourceName.parse(this.properties.source(), "collector.source (COLLECTOR_SOURCE)"),
					this.properties.cardsConfig(), this.properties.rawDir(), null, null);
			RunSummary summary = this.service.collect(request);
			if (summary.exitCode() == 0) {
				logger.info("Scheduled collection done\n{}", summary.render());
				return new JobResult(JobOutcome.SUCCESS, "collected");
			}
			logger.error("Scheduled collection collected nothing\n{}", summary.render());
			return new JobResult(JobOutcome.FAILURE, "collected nothing (exit " + summary.exitCode() + ")");
		}
		catch (UsageException ex) {
			logger.error("Scheduled collection could not start: {}", ex.getMessage());
			return new JobResult(JobOutcome.FAILURE, "could not start: " + ex.getMessage());
		}
	}

}
