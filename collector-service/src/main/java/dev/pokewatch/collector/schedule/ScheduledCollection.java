package dev.pokewatch.collector.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.RunSummary;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.UsageException;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * Collects on the configured cron ({@code COLLECTOR_CRON}, daily 03:00 UTC by default)
 * with the configured source, cards and output directory, as {@code collect} without
 * options would.
 */
public class ScheduledCollection {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledCollection.class);

	private final CollectionService service;

	private final CollectorProperties properties;

	public ScheduledCollection(CollectionService service, CollectorProperties properties) {
		this.service = service;
		this.properties = properties;
	}

	/**
	 * One scheduled run; problems are logged and shown by the metrics, the schedule goes
	 * on.
	 */
	@Scheduled(cron = "${collector.schedule.cron:0 0 3 * * *}", zone = "${collector.schedule.zone:UTC}")
	public void collect() {
		try {
			CollectRequest request = new CollectRequest(
					SourceName.parse(this.properties.source(), "collector.source (COLLECTOR_SOURCE)"),
					this.properties.cardsConfig(), this.properties.rawDir(), null, null);
			RunSummary summary = this.service.collect(request);
			if (summary.exitCode() == 0) {
				logger.info("Scheduled collection done\n{}", summary.render());
			}
			else {
				logger.error("Scheduled collection collected nothing\n{}", summary.render());
			}
		}
		catch (UsageException ex) {
			logger.error("Scheduled collection could not start: {}", ex.getMessage());
		}
	}

}
