package dev.pokewatch.collector.collect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.collector.collect.CardOutcome.Outcome;
import dev.pokewatch.collector.source.CardResult;
import dev.pokewatch.collector.source.DailyPrice;
import dev.pokewatch.collector.source.DayWindow;
import dev.pokewatch.collector.source.PriceSource;
import dev.pokewatch.collector.source.SetBatch;
import dev.pokewatch.collector.source.SourceAccessDeniedException;
import dev.pokewatch.collector.source.tcgcsv.TcgcsvSource;
import dev.pokewatch.common.card.CardSet;
import dev.pokewatch.common.card.CardsConfig;
import dev.pokewatch.common.card.CardsConfigException;
import dev.pokewatch.common.card.CardsConfigReader;
import dev.pokewatch.common.card.TrackedCard;
import dev.pokewatch.common.card.TrackedSet;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * Runs a collection: reads cards.yaml, fetches each set from the chosen source, merges
 * the rows into {@code <output>/<safe_set>_prices_<date>.parquet} (one file per set and
 * UTC day, rows sorted by card) and returns the summary. A provider that refuses the
 * credentials stops the run; any other failure is confined to its card, set or day file.
 */
public class CollectionService {

	private static final Logger logger = LoggerFactory.getLogger(CollectionService.class);

	static final int MAX_DAYS = 3650;

	private final PriceSources sources;

	private final CollectorMetrics metrics;

	private final Clock clock;

	private final Progress.Factory progress;

	private final ReentrantLock running = new ReentrantLock();

	public CollectionService(PriceSources sources, CollectorMetrics metrics, Clock clock, Progress.Factory progress) {
		this.sources = sources;
		this.metrics = metrics;
		this.clock = clock;
		this.progress = progress;
	}

	/**
	 * Collects.
	 * @param request what to collect
	 * @return the summary (also recorded in the metrics)
	 * @throws UsageException on a bad request or cards.yaml; nothing is written then
	 */
	public RunSummary collect(CollectRequest request) {
		if (!this.running.tryLock()) {
			throw new UsageException("a collection run is already in progress");
		}
		try {
			RunSummary summary = run(request);
			this.metrics.record(summary);
			return summary;
		}
		finally {
			this.running.unlock();
		}
	}

	private RunSummary run(CollectRequest request) {
		Instant started = this.clock.instant();
		// Parquet keeps milliseconds: truncating makes re-read rows equal to written ones
		Instant collectedAt = started.truncatedTo(ChronoUnit.MILLIS);
		if (request.days() != null && (request.days() < 1 || request.days() > MAX_DAYS)) {
			throw new UsageException("--days: must be between 1 and " + MAX_DAYS + ", got " + request.days());
		}
		CardsConfig config;
		try {
			config = CardsConfigReader.read(request.cardsFile());
		}
		catch (CardsConfigException ex) {
			throw new UsageException(ex.getMessage());
		}
		PriceSource source = this.sources.create(request.source());
		checkConfig(source, config, request.cardsFile());
		DayWindow window = source.window(request.date(), request.days(), LocalDate.ofInstant(started, ZoneOffset.UTC));
		logger.info("Collecting {} set(s) from {} for {} into {}", config.sets().size(), source.name(), window,
				request.outputDir());
		Run run = new Run(source, window, request.outputDir(), collectedAt);
		try (Progress bar = this.progress.start("Collecting from " + source.name(), config.sets().size())) {
			for (TrackedSet set : config.sets()) {
				try {
					run.collectSet(set);
				}
				catch (SourceAccessDeniedException ex) {
					run.fatalError = ex.getMessage();
					logger.error("Stopping the run: {}", ex.getMessage());
					break;
				}
				catch (RuntimeException ex) {
					// a defect or surprise in one set must not cost the other sets their
					// day
					logger.error("Set '{}' failed", set.set().name(), ex);
					run.failSet(set, "unexpected error: " + ex);
				}
				bar.step(set.set().name());
			}
		}
		return new RunSummary(source.name(), window.toString(), run.outcomes, run.unavailableDays, run.fileErrors,
				run.fatalError, run.filesWritten, Duration.between(started, this.clock.instant()));
	}

	private static void checkConfig(PriceSource source, CardsConfig config, Path file) {
		if (!(source instanceof TcgcsvSource)) {
			return;
		}
		for (int i = 0; i < config.sets().size(); i++) {
			if (config.sets().get(i).set().tcgplayerGroupId() == null) {
				String field = (config.sets().size() > 1) ? "sets[" + i + "].set.tcgplayer_group_id"
						: "set.tcgplayer_group_id";
				throw new UsageException(file + ": " + field + ": is required by --source tcgcsv (the TCGplayer group "
						+ "id of '" + config.sets().get(i).set().name() + "')");
			}
		}
	}

	/**
	 * The state of one run.
	 */
	private static final class Run {

		private final PriceSource source;

		private final DayWindow window;

		private final Path outputDir;

		private final Instant collectedAt;

		private final List<CardOutcome> outcomes = new ArrayList<>();

		private final Map<LocalDate, String> unavailableDays = new TreeMap<>();

		private final List<String> fileErrors = new ArrayList<>();

		private String fatalError;

		private int filesWritten;

		Run(PriceSource source, DayWindow window, Path outputDir, Instant collectedAt) {
			this.source = source;
			this.window = window;
			this.outputDir = outputDir;
			this.collectedAt = collectedAt;
		}

		void collectSet(TrackedSet set) {
			SetBatch batch = this.source.fetch(set, this.window);
			batch.unavailableDays().forEach(this.unavailableDays::putIfAbsent);
			Map<LocalDate, List<RawPriceRow>> byDay = new TreeMap<>();
			Map<String, TrackedCard> collected = new LinkedHashMap<>();
			for (CardResult result : batch.cards()) {
				String id = result.card().internalId();
				switch (result) {
					case CardResult.Collected c -> {
						List<DailyPrice> inWindow = c.prices()
							.stream()
							.filter((price) -> this.window.contains(price.date()))
							.toList();
						if (inWindow.isEmpty()) {
							skipped(set, c.card(), "no price for " + this.window);
						}
						else {
							collected.put(id, c.card());
							inWindow.forEach((price) -> byDay.computeIfAbsent(price.date(), (d) -> new ArrayList<>())
								.add(row(set.set(), c.card(), c.providerRarity(), price)));
						}
					}
					case CardResult.Failed f -> outcome(set, f.card(), Outcome.FAILED, 0, f.reason());
					case CardResult.Skipped s -> skipped(set, s.card(), s.reason());
				}
			}
			Map<String, Set<LocalDate>> written = new LinkedHashMap<>();
			Map<String, List<String>> failedFiles = new LinkedHashMap<>();
			byDay.forEach((date, rows) -> {
				Path file = RawDayFiles.file(this.outputDir, set.set(), date);
				try {
					RawDayFiles.merge(file, rows);
					this.filesWritten++;
					rows.forEach((row) -> written.computeIfAbsent(row.cardId(), (k) -> new TreeSet<>()).add(date));
				}
				catch (ParquetFileException ex) {
					this.fileErrors.add(ex.getMessage());
					logger.error("{}", ex.getMessage());
					rows.forEach((row) -> failedFiles.computeIfAbsent(row.cardId(), (k) -> new ArrayList<>())
						.add(file.getFileName().toString()));
				}
			});
			collected.forEach((id, card) -> {
				Set<LocalDate> days = written.getOrDefault(id, new TreeSet<>());
				List<String> failed = failedFiles.get(id);
				if (failed != null) {
					outcome(set, card, Outcome.FAILED, days.size(),
							days.size() + " day(s) written, could not write " + String.join(", ", failed));
				}
				else {
					TreeSet<LocalDate> sorted = new TreeSet<>(days);
					outcome(set, card, Outcome.COLLECTED, days.size(), (days.size() == 1) ? sorted.first().toString()
							: days.size() + " days " + sorted.first() + ".." + sorted.last());
				}
			});
		}

		void failSet(TrackedSet set, String reason) {
			set.activeCards().forEach((card) -> outcome(set, card, Outcome.FAILED, 0, reason));
		}

		private RawPriceRow row(CardSet set, TrackedCard card, String providerRarity, DailyPrice price) {
			return new RawPriceRow(card.internalId(), card.cardNumber(), card.name(), set.id(), set.name(),
					price.date(), price.market(), card.category(),
					(card.rarity() != null) ? card.rarity() : providerRarity, card.tcgplayerId(), this.source.name(),
					price.low(), price.mid(), price.high(), "USD", this.collectedAt);
		}

		private void skipped(TrackedSet set, TrackedCard card, String reason) {
			outcome(set, card, Outcome.SKIPPED, 0, reason);
		}

		private void outcome(TrackedSet set, TrackedCard card, Outcome outcome, int days, String detail) {
			this.outcomes.add(new CardOutcome(card.internalId(), set.set().name(), outcome, days, detail));
		}

	}

}
