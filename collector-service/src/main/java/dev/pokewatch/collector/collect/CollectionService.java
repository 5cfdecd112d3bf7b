package dev.pokewatch.collector.collect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

	/**
	 * Threads writing a set's day files at the same time: a replay of many days writes
	 * thousands of small files, each mostly CPU (Parquet encoding), so one per core.
	 */
	private static final int WRITER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

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
		checkDays(request);
		CardsConfig config = readCards(request.cardsFile());
		PriceSource source = this.sources.create(request.source());
		checkConfigFor(source, config, request.cardsFile());
		DayWindow window = source.window(request.date(), request.days(), LocalDate.ofInstant(started, ZoneOffset.UTC));
		logger.info("Collecting {} set(s) from {} for {} into {}", config.sets().size(), source.name(), window,
				request.outputDir());
		RawDayFiles.deleteLeftovers(request.outputDir());
		// Parquet keeps milliseconds: truncating makes re-read rows equal to written ones
		try (ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS,
				Thread.ofPlatform().name("day-file-writer-", 1).daemon().factory())) {
			Run run = new Run(source, window, request.outputDir(), started.truncatedTo(ChronoUnit.MILLIS), writers);
			collectSets(run, config.sets());
			return run.summary(Duration.between(started, this.clock.instant()));
		}
	}

	private static void checkDays(CollectRequest request) {
		if (request.days() != null && (request.days() < 1 || request.days() > MAX_DAYS)) {
			throw new UsageException("--days: must be between 1 and " + MAX_DAYS + ", got " + request.days());
		}
	}

	private static CardsConfig readCards(Path file) {
		try {
			return CardsConfigReader.read(file);
		}
		catch (CardsConfigException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	private static void checkConfigFor(PriceSource source, CardsConfig config, Path file) {
		try {
			source.checkConfig(config, file);
		}
		catch (CardsConfigException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	private void collectSets(Run run, List<TrackedSet> sets) {
		try (Progress bar = this.progress.start("Collecting from " + run.source.name(), sets.size())) {
			for (TrackedSet set : sets) {
				try {
					run.collectSet(set);
				}
				catch (SourceAccessDeniedException ex) {
					run.fatalError = ex.getMessage();
					logger.error("Stopping the run: {}", ex.getMessage());
					break;
				}
				catch (RuntimeException ex) {
					// a defect in one set must not cost the other sets their day
					logger.error("Set '{}' failed", set.set().name(), ex);
					run.failSet(set, "unexpected error: " + ex);
				}
				bar.step(set.set().name());
			}
		}
	}

	/**
	 * The state of one run. Collecting a set is four steps: fetch it, keep the prices in
	 * the window as rows by day, merge each day's rows into its file, and record each
	 * card's outcome from the files written.
	 */
	private static final class Run {

		private final PriceSource source;

		private final DayWindow window;

		private final Path outputDir;

		private final Instant collectedAt;

		private final List<CardOutcome> outcomes = new ArrayList<>();

		private final Map<LocalDate, String> unavailableDays = new TreeMap<>();

		private final List<String> fileErrors = new ArrayList<>();

		private final ExecutorService writers;

		private String fatalError;

		private int filesWritten;

		Run(PriceSource source, DayWindow window, Path outputDir, Instant collectedAt, ExecutorService writers) {
			this.source = source;
			this.window = window;
			this.outputDir = outputDir;
			this.collectedAt = collectedAt;
			this.writers = writers;
		}

		void collectSet(TrackedSet set) {
			SetBatch batch = this.source.fetch(set, this.window);
			batch.unavailableDays().forEach(this.unavailableDays::putIfAbsent);
			SetRows rows = rowsInWindow(set, batch);
			DayFiles files = writeDayFiles(set, rows.byDay());
			rows.cards().values().forEach((card) -> recordWritten(set, card, files));
		}

		void failSet(TrackedSet set, String reason) {
			set.activeCards().forEach((card) -> outcome(set, card, Outcome.FAILED, 0, reason));
		}

		RunSummary summary(Duration duration) {
			return new RunSummary(this.source.name(), this.window.toString(), this.outcomes, this.unavailableDays,
					this.fileErrors, this.fatalError, this.filesWritten, duration);
		}

		/**
		 * Turns the prices of the window into rows by day; records the cards failed by
		 * the source and those with nothing to write.
		 */
		private SetRows rowsInWindow(TrackedSet set, SetBatch batch) {
			SetRows rows = new SetRows(new LinkedHashMap<>(), new TreeMap<>());
			for (CardResult result : batch.cards()) {
				switch (result) {
					case CardResult.Collected collected -> addRows(set, collected, rows);
					case CardResult.Failed failed -> outcome(set, failed.card(), Outcome.FAILED, 0, failed.reason());
					case CardResult.Skipped skipped ->
						outcome(set, skipped.card(), Outcome.SKIPPED, 0, skipped.reason());
				}
			}
			return rows;
		}

		private void addRows(TrackedSet set, CardResult.Collected collected, SetRows rows) {
			List<DailyPrice> inWindow = collected.prices()
				.stream()
				.filter((price) -> this.window.contains(price.date()))
				.toList();
			if (inWindow.isEmpty()) {
				outcome(set, collected.card(), Outcome.SKIPPED, 0, "no price for " + this.window);
				return;
			}
			rows.cards().put(collected.card().internalId(), collected.card());
			for (DailyPrice price : inWindow) {
				rows.byDay()
					.computeIfAbsent(price.date(), (date) -> new ArrayList<>())
					.add(row(set.set(), collected.card(), collected.providerRarity(), price));
			}
		}

		/**
		 * Merges each day's rows into its file, several files at a time (each day has its
		 * own file); a file that cannot be written costs only its own day. The results
		 * are taken in day order, so the summary does not depend on timing.
		 */
		private DayFiles writeDayFiles(TrackedSet set, Map<LocalDate, List<RawPriceRow>> byDay) {
			Map<LocalDate, Future<Optional<ParquetFileException>>> writes = new LinkedHashMap<>();
			byDay.forEach((date, rows) -> writes.put(date, this.writers.submit(() -> {
				try {
					RawDayFiles.merge(RawDayFiles.file(this.outputDir, set.set(), date), rows);
					return Optional.empty();
				}
				catch (ParquetFileException ex) {
					return Optional.of(ex);
				}
			})));
			DayFiles files = new DayFiles(new HashMap<>(), new HashMap<>());
			writes.forEach((date, write) -> {
				List<RawPriceRow> rows = byDay.get(date);
				Optional<ParquetFileException> error = outcomeOf(write);
				if (error.isEmpty()) {
					this.filesWritten++;
					rows.forEach(
							(row) -> files.written().computeIfAbsent(row.cardId(), (id) -> new TreeSet<>()).add(date));
				}
				else {
					this.fileErrors.add(error.get().getMessage());
					logger.error("{}", error.get().getMessage());
					String file = RawDayFiles.file(this.outputDir, set.set(), date).getFileName().toString();
					rows.forEach(
							(row) -> files.failed().computeIfAbsent(row.cardId(), (id) -> new ArrayList<>()).add(file));
				}
			});
			return files;
		}

		private static Optional<ParquetFileException> outcomeOf(Future<Optional<ParquetFileException>> write) {
			try {
				return write.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while writing day files", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}

		private void recordWritten(TrackedSet set, TrackedCard card, DayFiles files) {
			SortedSet<LocalDate> days = files.written().getOrDefault(card.internalId(), new TreeSet<>());
			List<String> failed = files.failed().get(card.internalId());
			if (failed != null) {
				outcome(set, card, Outcome.FAILED, days.size(),
						days.size() + " day(s) written, could not write " + String.join(", ", failed));
			}
			else {
				outcome(set, card, Outcome.COLLECTED, days.size(), (days.size() == 1) ? days.first().toString()
						: days.size() + " days " + days.first() + ".." + days.last());
			}
		}

		private RawPriceRow row(CardSet set, TrackedCard card, String providerRarity, DailyPrice price) {
			return new RawPriceRow(card.internalId(), card.cardNumber(), card.name(), set.id(), set.name(),
					price.date(), price.market(), card.category(),
					(card.rarity() != null) ? card.rarity() : providerRarity, card.tcgplayerId(), this.source.name(),
					price.low(), price.mid(), price.high(), "USD", this.collectedAt);
		}

		private void outcome(TrackedSet set, TrackedCard card, Outcome outcome, int days, String detail) {
			this.outcomes.add(new CardOutcome(card.internalId(), set.set().name(), outcome, days, detail));
		}

	}

	/**
	 * The rows of one set's collected cards.
	 *
	 * @param cards the cards with at least one price in the window by id, in the source's
	 * order
	 * @param byDay their rows by day, days ascending
	 */
	private record SetRows(Map<String, TrackedCard> cards, Map<LocalDate, List<RawPriceRow>> byDay) {

	}

	/**
	 * What writing one set's day files did, by card id.
	 *
	 * @param written the days written for each card
	 * @param failed the files that could not be written for each card
	 */
	private record DayFiles(Map<String, SortedSet<LocalDate>> written, Map<String, List<String>> failed) {

	}

}
