package dev.pokewatch.collector.collect;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a run collects and where it writes.
 *
 * @param source the source to use
 * @param cardsFile the cards configuration
 * @param outputDir the raw data directory
 * @param date the last day to collect, or {@code null} for the source's default
 * @param days how many days ending at {@code date}, or {@code null} for the source's
 * default
 */
public record CollectRequest(SourceName source, Path cardsFile, Path outputDir, LocalDate date, Integer days) {

	public CollectRequest {
		Objects.requireNonNull(source, "'source' must not be null");
		Objects.requireNonNull(cardsFile, "'cardsFile' must not be null");
		Objects.requireNonNull(outputDir, "'outputDir' must not be null");
	}

}
