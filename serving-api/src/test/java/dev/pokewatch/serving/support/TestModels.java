package dev.pokewatch.serving.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.served.ModelMetadata;

/**
 * Writes small real model directories (metadata JSON + features Parquet) for tests.
 */
public final class TestModels {

	/** Card with a gap on 2025-11-22, a first day without fair price, HOLD, BUY, SELL. */
	public static final String CARD_A = "sv2a_151_card_a___001_165";

	/** Card whose last day is an outlier. */
	public static final String CARD_B = "sv2a_151_card_b___002_165";

	/** Card with one day. */
	public static final String CARD_C = "sv2a_151_card_c___003_165";

	/** A card whose only row has no market price, so the model does not serve it. */
	public static final String CARD_NO_MARKET = "sv2a_151_card_d___004_165";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestModels() {
	}

	/**
	 * The standard rows; fair prices are multiplied by {@code fairFactor} so two models
	 * can be told apart by their fair prices.
	 * @param fairFactor fair price multiplier
	 * @return the rows
	 */
	public static List<ServedFeaturesCodec.Row> standardRows(double fairFactor) {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		rows.add(row(CARD_A, "Card A", "2025-11-20", 100.0, null, false));
		rows.add(row(CARD_A, "Card A", "2025-11-21", 104.0, 100.0 * fairFactor, false));
		rows.add(row(CARD_A, "Card A", "2025-11-23", 85.0, 100.0 * fairFactor, false));
		rows.add(row(CARD_A, "Card A", "2025-11-24", 130.0, 100.0 * fairFactor, false));
		rows.add(row(CARD_B, "Card B", "2025-11-21", 50.0, null, false));
		rows.add(row(CARD_B, "Card B", "2025-11-22", 60.0, 50.0 * fairFactor, false));
		rows.add(row(CARD_B, "Card B", "2025-11-23", 5.0, 50.0 * fairFactor, true));
		rows.add(row(CARD_C, null, "2025-11-22", 10.0, 10.0 * fairFactor, false));
		rows.add(row(CARD_NO_MARKET, "Card D", "2025-11-22", null, 10.0, false));
		return rows;
	}

	/**
	 * One row.
	 * @param cardId card
	 * @param name card name
	 * @param date ISO day
	 * @param market market price
	 * @param fair fair price
	 * @param outlier outlier flag
	 * @return the row
	 */
	public static ServedFeaturesCodec.Row row(String cardId, String name, String date, Double market, Double fair,
			boolean outlier) {
		return new ServedFeaturesCodec.Row(cardId, name, "Scarlet & Violet 151", "pokemon", LocalDate.parse(date),
				market, fair, null, outlier);
	}

	/**
	 * Writes a model directory with the standard rows.
	 * @param directory the directory (created)
	 * @param version the model version
	 * @param fairFactor fair price multiplier
	 * @return the directory
	 */
	public static Path write(Path directory, String version, double fairFactor) {
		return write(directory, version, standardRows(fairFactor));
	}

	/**
	 * Writes a model directory.
	 * @param directory the directory (created)
	 * @param version the model version
	 * @param rows the feature rows
	 * @return the directory
	 */
	public static Path write(Path directory, String version, List<ServedFeaturesCodec.Row> rows) {
		try {
			Files.createDirectories(directory);
			ServedFeaturesCodec.write(directory.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), rows);
			ModelMetadata metadata = new ModelMetadata("sma", 7, "2025-11-24T08:00:00Z", null, null,
					"data/processed/test.parquet", rows.size(), Map.of("mape", 1.5),
					new ModelMetadata.Thresholds(0.10, 0.15, 2.0), version, "abc123",
					ModelMetadata.DEFAULT_FEATURES_FILE, 3, null, 7);
			Path tmp = directory.resolve(ModelMetadata.FILE_NAME + ".tmp");
			JSON.writeValue(tmp.toFile(), metadata);
			Files.move(tmp, directory.resolve(ModelMetadata.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replaces {@code target} with a freshly written model the way training does: write a
	 * sibling directory, move the old one away, rename the new one in.
	 * @param target the served directory
	 * @param version the new version
	 * @param fairFactor fair price multiplier
	 */
	public static void replaceByRename(Path target, String version, double fairFactor) {
		try {
			Path staging = target.resolveSibling(target.getFileName() + ".staging-" + version);
			write(staging, version, fairFactor);
			Path old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
			if (Files.exists(target)) {
				Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			deleteRecursively(old);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a directory tree if it exists.
	 * @param directory the directory
	 */
	public static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Overwrites the metadata file with text that is not valid JSON metadata.
	 * @param directory the model directory
	 */
	public static void corruptMetadata(Path directory) {
		try {
			Files.writeString(directory.resolve(ModelMetadata.FILE_NAME), "{\"model_type\": \"sma\", oops");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
