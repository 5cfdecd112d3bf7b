package dev.pokewatch.collector;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.CollectorMetrics;
import dev.pokewatch.collector.collect.PriceSources;
import dev.pokewatch.collector.collect.Progress;
import dev.pokewatch.collector.collect.RunSummary;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.http.Sleeper;
import dev.pokewatch.collector.system.CollectorProperties;
import dev.pokewatch.common.parquet.RawPricesCodec;
import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code kill -9} of the packaged collector while it writes leaves only
 * complete raw files: the jar collects the bundled sample in a child process, is killed
 * once it has written some files, every {@code .parquet} file left reads back and no
 * temporary file is left that could pass for data; a second run then completes and gives
 * the same files as an uninterrupted run (but for {@code collected_at}, the run time).
 * Runs in {@code verify}, after the jar is packaged.
 */
@Tag("integration")
class CollectorKillIT {

	private static final String RAW_FILE = "[a-z0-9_]+_prices_\\d{4}-\\d{2}-\\d{2}\\.parquet";

	private static final LocalDate LAST_DAY = LocalDate.of(2026, 8, 22);

	private static final int DAYS = 12;

	/** Files written before the kill: some, far from all (20 sets × 12 days). */
	private static final int KILL_AFTER_FILES = 25;

	@TempDir
	Path work;

	@Test
	void collectWhenKilledWhileWritingShouldLeaveOnlyCompleteFilesAndRerunShouldComplete() throws Exception {
		Path jar = TestEnvironment.repoRoot().resolve("collector-service/target/collector-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar), "needs the packaged " + jar);
		Path cards = TestEnvironment.repoRoot().resolve("config/cards.yaml");
		Path raw = Files.createDirectories(this.work.resolve("raw"));

		Process killed = start(jar, cards, raw, "killed");
		int seen = awaitFilesWritten(killed, raw, KILL_AFTER_FILES);
		assertThat(killed.isAlive()).as("still writing after %d files", seen).isTrue();
		killed.destroyForcibly();
		assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(killed.exitValue()).isNotZero();

		List<Path> afterKill = list(raw);
		assertThat(afterKill).filteredOn(CollectorKillIT::isRawFile)
			.hasSizeGreaterThanOrEqualTo(KILL_AFTER_FILES)
			.allSatisfy((file) -> assertThat(RawPricesCodec.read(file)).isNotEmpty());
		// a write cut short leaves at most a hidden temporary file, which no reader takes
		// for a day file
		assertThat(afterKill).filteredOn((file) -> !isRawFile(file))
			.allSatisfy((file) -> assertThat(file.getFileName().toString()).startsWith(".").contains(".tmp-"));

		Process rerun = start(jar, cards, raw, "rerun");
		assertThat(rerun.waitFor(3, TimeUnit.MINUTES)).as("second run finished").isTrue();
		assertThat(rerun.exitValue()).as(Files.readString(this.work.resolve("rerun.err"))).isZero();

		Path reference = this.work.resolve("reference");
		RunSummary uninterrupted = collectInProcess(cards, reference);
		assertThat(uninterrupted.exitCode()).isZero();
		List<Path> expected = list(reference);
		assertThat(expected).hasSize(uninterrupted.filesWritten()).allMatch(CollectorKillIT::isRawFile);
		assertThat(list(raw)).as("the rerun's files, and nothing else")
			.extracting((file) -> file.getFileName().toString())
			.containsExactlyInAnyOrderElementsOf(
					expected.stream().map((file) -> file.getFileName().toString()).toList());
		for (Path file : expected) {
			assertThat(RawPricesCodec.read(raw.resolve(file.getFileName()))).as(file.getFileName().toString())
				.usingRecursiveFieldByFieldElementComparatorIgnoringFields("collectedAt")
				.containsExactlyElementsOf(RawPricesCodec.read(file));
		}
	}

	private Process start(Path jar, Path cards, Path raw, String name) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		if (Runtime.version().feature() >= 24) {
			// as config/jvm.properties: parquet and snappy would warn on every start
			command.add("--enable-native-access=ALL-UNNAMED");
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.addAll(List.of("-jar", jar.toString(), "collect", "--source", "sample", "--date", LAST_DAY.toString(),
				"--days", Integer.toString(DAYS), "--cards", cards.toString(), "--output-dir", raw.toString(),
				"--log-file", this.work.resolve(name + ".log").toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectOutput(this.work.resolve(name + ".out").toFile())
			.redirectError(this.work.resolve(name + ".err").toFile());
		builder.environment().put("CI", "true");
		return builder.start();
	}

	/**
	 * Waits, on file system events rather than a timer, until {@code count} day files
	 * have been moved into place (or the process ended).
	 * @return the day files seen
	 */
	private static int awaitFilesWritten(Process process, Path raw, int count) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		int seen = 0;
		try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
			raw.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
			while (seen < count && process.isAlive() && Instant.now().isBefore(deadline)) {
				WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
				if (key == null) {
					continue;
				}
				for (WatchEvent<?> event : key.pollEvents()) {
					if (event.context() instanceof Path name && name.toString().matches(RAW_FILE)) {
						seen++;
					}
				}
				key.reset();
			}
		}
		assertThat(seen).as("day files written before the deadline").isGreaterThanOrEqualTo(count);
		return seen;
	}

	/** An uninterrupted run of the same collection, in this JVM. */
	private static RunSummary collectInProcess(Path cards, Path output) {
		CollectorProperties properties = new CollectorProperties("sample", cards, output,
				new CollectorProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO,
						Duration.ZERO, 0, Duration.ZERO),
				new CollectorProperties.PokemonPriceTracker(URI.create("http://127.0.0.1:9"), null, 0),
				new CollectorProperties.Tcgcsv(URI.create("http://127.0.0.1:9"), 3, 0),
				new CollectorProperties.Sample(120));
		Clock clock = Clock.systemUTC();
		return new CollectionService(new PriceSources(properties, clock, Sleeper.system()),
				new CollectorMetrics(new SimpleMeterRegistry(), clock), clock, Progress.Factory.log())
			.collect(new CollectRequest(SourceName.SAMPLE, cards, output, LAST_DAY, DAYS));
	}

	private static boolean isRawFile(Path file) {
		return file.getFileName().toString().matches(RAW_FILE);
	}

	private static List<Path> list(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}

}
