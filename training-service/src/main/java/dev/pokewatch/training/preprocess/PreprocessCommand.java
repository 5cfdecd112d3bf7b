package dev.pokewatch.training.preprocess;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.feature.FeatureBuilder;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.feature.ProcessedFeaturesCodec;
import dev.pokewatch.common.feature.ProcessedPriceRow;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.parquet.SharedStrings;
import dev.pokewatch.common.price.RawPriceRow;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ConsoleFormat;
import dev.pokewatch.training.system.LaunchProperties;

/**
 * Reads every raw file {@code <safe_set>_prices_<date>.parquet} and writes one processed
 * file per set, {@code <out>/<safe_set>.parquet}. An unreadable or schema-drifted raw
 * file stops the run naming it, unless bad files are to be skipped (then they are
 * reported).
 */
public class PreprocessCommand {

	private static final Logger logger = LoggerFactory.getLogger(PreprocessCommand.class);

	private static final Pattern RAW_FILE = Pattern.compile("([a-z0-9_]+)_prices_(\\d{4}-\\d{2}-\\d{2})\\.parquet");

	private final PrintStream out;

	public PreprocessCommand(PrintStream out) {
		this.out = out;
	}

	/**
	 * Runs the preprocessing.
	 * @param rawDir the raw files
	 * @param outDir where processed files go
	 * @param rule the outlier rule
	 * @param skipBadFiles skip unreadable raw files instead of failing
	 * @return what was done
	 * @throws CommandException exit 2 naming the directory or file at fault
	 */
	public Summary run(Path rawDir, Path outDir, OutlierRule rule, boolean skipBadFiles) {
		Map<String, List<Path>> filesBySet = rawFilesBySet(rawDir);
		int total = filesBySet.values().stream().mapToInt(List::size).sum();
		long started = System.nanoTime();
		this.out.printf("Preprocessing %,d raw file(s) of %d set(s) from %s ...%n", total, filesBySet.size(), rawDir);
		// all or nothing: every set is written to a staging directory first and moved
		// into outDir only when no set failed, so a bad raw file leaves the previous
		// processed files untouched rather than half old, half new
		try (StagingDirectory staging = StagingDirectory.beside(outDir)) {
			List<SetOutcome> outcomes = processSets(filesBySet, staging.path(), rule, skipBadFiles);
			List<String> skipped = new ArrayList<>();
			List<SetSummary> sets = new ArrayList<>();
			for (SetOutcome outcome : outcomes) {
				if (outcome.failure() != null) {
					throw outcome.failure();
				}
				skipped.addAll(outcome.skipped());
				if (outcome.summary() != null) {
					sets.add(outcome.summary());
				}
			}
			if (sets.isEmpty()) {
				throw CommandException
					.usage(rawDir + ": no readable raw rows (" + skipped.size() + " file(s) skipped)");
			}
			List<SetSummary> published = staging.publish(sets, outDir);
			return finish(new Summary(published, skipped), outDir, started);
		}
	}

	private List<SetOutcome> processSets(Map<String, List<Path>> filesBySet, Path stagingDir, OutlierRule rule,
			boolean skipBadFiles) {
		// sets are independent: processing two at a time keeps both cores busy through
		// the sequential parts (Parquet encoding of the output), and memory bounded
		AtomicInteger done = new AtomicInteger();
		return filesBySet.entrySet()
			.parallelStream()
			.map((entry) -> processSet(entry.getKey(), entry.getValue(), stagingDir, rule, skipBadFiles, done,
					filesBySet.size()))
			.toList();
	}

	private Summary finish(Summary summary, Path outDir, long started) {
		List<String> skipped = summary.skipped();
		if (!skipped.isEmpty()) {
			this.out.printf("Skipped %d bad raw file(s):%n", skipped.size());
			skipped.forEach((message) -> this.out.println("  " + message));
		}
		printSummary(summary, outDir, System.nanoTime() - started);
		return summary;
	}

	private void printSummary(Summary summary, Path outDir, long nanos) {
		List<SetSummary> sets = summary.sets();
		int files = sets.stream().mapToInt(SetSummary::files).sum();
		int rawRows = sets.stream().mapToInt(SetSummary::rawRows).sum();
		int rows = sets.stream().mapToInt(SetSummary::rows).sum();
		long cards = sets.stream().mapToLong(SetSummary::cards).sum();
		long outliers = sets.stream().mapToLong(SetSummary::outliers).sum();
		List<List<String>> table = List.of(List.of("Sets written", "%,d".formatted(sets.size()), "in " + outDir),
				List.of("Raw files read", "%,d".formatted(files), ""), List.of("Cards", "%,d".formatted(cards), ""),
				List.of("Rows", "%,d".formatted(rows), "(%,d duplicate(s) dropped)".formatted(rawRows - rows)),
				List.of("Outliers flagged", "%,d".formatted(outliers), ""),
				List.of("Bad files skipped", "%,d".formatted(summary.skipped().size()), ""),
				List.of("Time", ConsoleFormat.number(nanos / 1e9) + " s", ""));
		this.out.println();
		ConsoleFormat.table("  ", table).forEach(this.out::println);
		this.out.println();
		this.out.println("Per-set detail: " + LaunchProperties.LOG_FILE);
	}

	private SetOutcome processSet(String set, List<Path> files, Path targetDir, OutlierRule rule, boolean skipBadFiles,
			AtomicInteger done, int setCount) {
		// one file per set and day: reading them in parallel is what makes this fast;
		// the files share their strings (card names, ids, ...), so a card's rows hold
		// the same instances, which the writer compares cheaply
		SharedStrings strings = new SharedStrings();
		List<Object> results = files.parallelStream().map((file) -> {
			try {
				return (Object) RawPricesCodec.read(file, strings);
			}
			catch (ParquetFileException ex) {
				return ex;
			}
		}).toList();
		List<String> skipped = new ArrayList<>();
		List<RawPriceRow> rows = new ArrayList<>();
		for (Object result : results) {
			if (result instanceof ParquetFileException ex) {
				if (!skipBadFiles) {
					return new SetOutcome(null, skipped, new CommandException(CommandException.USAGE,
							"bad raw file " + ex.getMessage() + " (use --skip-bad-files to skip it)", ex));
				}
				skipped.add(ex.getMessage());
				logger.warn("Skipping bad raw file {}", ex.getMessage());
			}
			else {
				rows.addAll(castRows(result));
			}
		}
		results = null;
		if (rows.isEmpty()) {
			logger.info("[{}/{}] {}: no readable rows, nothing written", done.incrementAndGet(), setCount, set);
			return new SetOutcome(null, skipped, null);
		}
		int rawRows = rows.size();
		List<ProcessedPriceRow> processed = FeatureBuilder.build(rows, rule);
		rows = null;
		Path target = targetDir.resolve(set + ".parquet");
		ProcessedFeaturesCodec.write(target, processed);
		long outliers = processed.stream().filter(ProcessedPriceRow::outlier).count();
		long cards = processed.stream().map((r) -> r.raw().cardId()).distinct().count();
		SetSummary summary = new SetSummary(set, target, files.size(), rawRows, processed.size(), cards, outliers);
		// per-set detail goes to the log: the console gets one summary for all sets
		logger.info("[{}/{}] {}: {} file(s), {} card(s), {} row(s) ({} duplicate(s) dropped), {} outlier(s) -> {}",
				done.incrementAndGet(), setCount, set, summary.files(), cards, processed.size(),
				summary.rawRows() - processed.size(), outliers, target.getFileName());
		return new SetOutcome(summary, skipped, null);
	}

	@SuppressWarnings("unchecked")
	private static List<RawPriceRow> castRows(Object result) {
		return (List<RawPriceRow>) result;
	}

	private static Map<String, List<Path>> rawFilesBySet(Path rawDir) {
		if (!Files.isDirectory(rawDir)) {
			throw CommandException.usage(rawDir + ": raw data directory not found (run the collector first)");
		}
		Map<String, List<Path>> bySet = new TreeMap<>();
		try (Stream<Path> files = Files.list(rawDir)) {
			files.sorted().forEach((file) -> {
				Matcher matcher = RAW_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					bySet.computeIfAbsent(matcher.group(1), (set) -> new ArrayList<>()).add(file);
				}
			});
		}
		catch (IOException ex) {
			throw CommandException.usage(rawDir + ": cannot list raw files: " + ex.getMessage());
		}
		if (bySet.isEmpty()) {
			throw CommandException.usage(rawDir + ": no raw files named <set>_prices_<YYYY-MM-DD>.parquet");
		}
		return bySet;
	}

	private record SetOutcome(SetSummary summary, List<String> skipped, CommandException failure) {

	}

	/**
	 * The outcome of a preprocessing run.
	 *
	 * @param sets one entry per written processed file
	 * @param skipped messages of skipped bad files
	 */
	public record Summary(List<SetSummary> sets, List<String> skipped) {

	}

	/**
	 * One written processed file.
	 *
	 * @param set the safe set name
	 * @param file the processed file
	 * @param files raw files read
	 * @param rawRows raw rows read
	 * @param rows rows written (after de-duplication)
	 * @param cards distinct cards
	 * @param outliers rows flagged as outliers
	 */
	public record SetSummary(String set, Path file, int files, int rawRows, int rows, long cards, long outliers) {

	}

}
