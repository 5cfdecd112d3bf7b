package dev.pokewatch.serving.servedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.served.ServedFeaturesFiles;
import dev.pokewatch.common.signal.SignalRule;

/**
 * Reads a model directory ({@code model_metadata.json} + its features file, through
 * {@link ServedFeaturesCodec}) into a {@link ModelIndex}, or fails with a message naming
 * the file and the problem (and the card and day, for a duplicate row).
 */
final class ModelIndexLoader {

	private static final Logger logger = LoggerFactory.getLogger(ModelIndexLoader.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ModelIndexLoader() {
	}

	static ModelIndex load(Path directory, long generation) {
		Path metadataFile = directory.resolve(ModelMetadata.FILE_NAME);
		if (!Files.isRegularFile(metadataFile)) {
			throw new ModelLoadException("missing " + metadataFile + " (train a model first: make train)");
		}
		ModelMetadata metadata = readMetadata(metadataFile);
		SignalRule rule = signalRule(metadata, metadataFile);
		Path featuresFile = featuresFile(directory, metadata, metadataFile);
		Map<String, ServedSeries> cards = readSeries(featuresFile, metadata.modelVersion());
		List<String> sortedIds = new ArrayList<>(cards.keySet());
		sortedIds.sort(Comparator.naturalOrder());
		return new ModelIndex(generation, metadata, rule, cards, sortedIds, Instant.now(), directory.toString());
	}

	/**
	 * Reads a model's features into series by card id, from the binary companion when it
	 * belongs to this model version (bulk copies), else from the Parquet file through the
	 * codec's column reader, straight into per-card primitive arrays either way: loading
	 * the 3.65M-row benchmark model through row objects took seconds and a gigabyte of
	 * heap. Days without a market price are skipped (as-of lookups must not land on
	 * them); rows may come in any order.
	 */
	static Map<String, ServedSeries> readSeries(Path file, String modelVersion) {
		ServedFeaturesFiles.Read<SeriesCollector> read;
		try {
			read = ServedFeaturesFiles.read(file, modelVersion, SeriesCollector::new, logger::warn);
		}
		catch (ParquetFileException ex) {
			throw new ModelLoadException("cannot read " + ex.getMessage(), ex);
		}
		return read.visitor().series(read.file());
	}

	private static ModelMetadata readMetadata(Path metadataFile) {
		try {
			ModelMetadata metadata = JSON.readValue(metadataFile.toFile(), ModelMetadata.class);
			if (metadata == null) {
				throw new ModelLoadException(metadataFile + " is empty");
			}
			if (metadata.modelVersion().isBlank()) {
				throw new ModelLoadException(metadataFile + ": 'model_version' must not be blank");
			}
			return metadata;
		}
		catch (JacksonException ex) {
			throw new ModelLoadException("cannot parse " + metadataFile + ": " + rootMessage(ex), ex);
		}
	}

	private static SignalRule signalRule(ModelMetadata metadata, Path metadataFile) {
		try {
			return metadata.thresholds().toRule();
		}
		catch (IllegalArgumentException ex) {
			throw new ModelLoadException(metadataFile + ": invalid 'thresholds': " + ex.getMessage(), ex);
		}
	}

	private static Path featuresFile(Path directory, ModelMetadata metadata, Path metadataFile) {
		Path file = directory.resolve(metadata.featuresFile()).normalize();
		// the name comes from a file: keep it inside the model directory
		if (!file.getParent().equals(directory.normalize())) {
			throw new ModelLoadException(
					metadataFile + ": 'features_file' must be a file name inside the model directory, got '"
							+ metadata.featuresFile() + "'");
		}
		if (!Files.isRegularFile(file)) {
			throw new ModelLoadException("missing " + file + " (named by 'features_file' in " + metadataFile + ")");
		}
		return file;
	}

	/**
	 * Collects the rows of a features file into one {@link ServedSeriesBuilder} per card.
	 */
	private static final class SeriesCollector implements ServedFeaturesCodec.Visitor {

		private final Map<String, ServedSeriesBuilder> cards = new HashMap<>();

		private ServedSeriesBuilder current;

		/** How many times a card may come back after others before trimming stops. */
		private int trimBudget = 1000;

		@Override
		public void card(String cardId) {
			if (this.current != null && this.trimBudget > 0) {
				// rows usually come grouped by card: give back the growth slack now, so a
				// reload next to the served model needs little more than the new one
				this.current.trim();
			}
			this.current = this.cards.computeIfAbsent(cardId, ServedSeriesBuilder::new);
			if (this.current.size() > 0) {
				// a card seen before: rows are not grouped by card, and trimming at every
				// switch would copy the arrays again and again
				this.trimBudget--;
			}
		}

		Map<String, ServedSeries> series(Path file) {
			Map<String, ServedSeries> series = HashMap.newHashMap(this.cards.size());
			for (ServedSeriesBuilder builder : this.cards.values()) {
				// a card without any market price is not served
				if (builder.size() > 0) {
					series.put(builder.cardId(), builder.build(file));
				}
			}
			return series;
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			double marketPrice = row.marketPrice();
			// a day without a market price is not an observation; as-of lookups skip it
			if (Double.isFinite(marketPrice)) {
				int day = row.epochDay();
				double fairPrice = row.fairPrice();
				double dispersion = row.dispersion();
				this.current.add(day, marketPrice,
						(Double.isFinite(fairPrice) && fairPrice > 0) ? fairPrice : Double.NaN,
						(Double.isFinite(dispersion) && dispersion > 0) ? dispersion : Double.NaN, row.outlier());
				this.current.names(day, row.cardName(), row.setName(), row.category());
			}
		}

	}

	private static String rootMessage(Throwable ex) {
		String message = ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		// Jackson appends a source reference on later lines; the first line is the useful
		// part
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

}
