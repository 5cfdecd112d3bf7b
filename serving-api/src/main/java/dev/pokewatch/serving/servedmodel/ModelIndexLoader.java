package dev.pokewatch.serving.servedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.SignalRule;

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
		Map<String, ServedSeries> cards = FeaturesColumnsReader.read(featuresFile);
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
