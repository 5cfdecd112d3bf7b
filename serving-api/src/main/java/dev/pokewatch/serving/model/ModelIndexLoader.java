package dev.pokewatch.serving.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.model.modeldir.ModelFeatureRow;
import dev.pokewatch.model.modeldir.ModelFeaturesParquet;
import dev.pokewatch.model.modeldir.ModelMetadata;
import dev.pokewatch.model.parquet.ParquetFileException;
import dev.pokewatch.model.signal.SignalRule;

/**
 * Reads a model directory ({@code model_metadata.json} + its features file) into a
 * {@link ModelIndex}, or fails with a message naming the file and the problem.
 */
final class ModelIndexLoader {

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
		List<ModelFeatureRow> rows;
		try {
			rows = ModelFeaturesParquet.read(featuresFile);
		}
		catch (ParquetFileException | IllegalArgumentException | NullPointerException ex) {
			throw new ModelLoadException("cannot read " + featuresFile + ": " + ex.getMessage(), ex);
		}
		Map<String, CardSeries> cards = index(rows, featuresFile);
		List<String> sortedIds = new ArrayList<>(cards.keySet());
		sortedIds.sort(Comparator.naturalOrder());
		return new ModelIndex(generation, metadata, rule, cards, sortedIds, Instant.now(), directory.toString());
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
			return new SignalRule(metadata.thresholds().buyThresholdPct(), metadata.thresholds().sellThresholdPct());
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

	private static Map<String, CardSeries> index(List<ModelFeatureRow> rows, Path featuresFile) {
		Map<String, List<ModelFeatureRow>> byCard = new HashMap<>();
		for (ModelFeatureRow row : rows) {
			Double market = row.marketPrice();
			// a day without a market price is not an observation; as-of lookups skip it
			if (market == null || !Double.isFinite(market)) {
				continue;
			}
			byCard.computeIfAbsent(row.cardId(), (id) -> new ArrayList<>()).add(row);
		}
		Map<String, CardSeries> cards = HashMap.newHashMap(byCard.size());
		for (Map.Entry<String, List<ModelFeatureRow>> entry : byCard.entrySet()) {
			cards.put(entry.getKey(), series(entry.getKey(), entry.getValue(), featuresFile));
		}
		return cards;
	}

	private static CardSeries series(String cardId, List<ModelFeatureRow> rows, Path featuresFile) {
		rows.sort(Comparator.comparing(ModelFeatureRow::date));
		int n = rows.size();
		int[] days = new int[n];
		double[] market = new double[n];
		double[] fair = new double[n];
		boolean[] outlier = new boolean[n];
		String name = null;
		String setName = null;
		for (int i = 0; i < n; i++) {
			ModelFeatureRow row = rows.get(i);
			days[i] = Math.toIntExact(row.date().toEpochDay());
			if (i > 0 && days[i] == days[i - 1]) {
				throw new ModelLoadException(
						featuresFile + ": duplicate row for card '" + cardId + "' on " + row.date());
			}
			market[i] = row.marketPrice();
			Double fairPrice = row.fairPrice();
			fair[i] = (fairPrice != null && Double.isFinite(fairPrice) && fairPrice > 0) ? fairPrice : Double.NaN;
			outlier[i] = row.outlier();
			name = (row.cardName() != null) ? row.cardName() : name;
			setName = (row.setName() != null) ? row.setName() : setName;
		}
		return new CardSeries(cardId, name, setName, days, market, fair, outlier);
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
