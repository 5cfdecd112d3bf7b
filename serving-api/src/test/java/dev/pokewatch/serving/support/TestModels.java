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
import dev.pokewatch.common.signal.SignalRule;

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

	/** The newest day of {@link #dispersionRows()}. */
	public static final String DISPERSION_AS_OF = "2026-03-10";

	/** The BUY threshold of {@link #dispersionMetadata(String)}, in dispersion units. */
	public static final double DISPERSION_THRESHOLD = 2.0;

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
	 * Cards for a dispersion rule of threshold {@value #DISPERSION_THRESHOLD} and minimum
	 * price 2 (see {@link #dispersionMetadata(String)}), all on
	 * {@value #DISPERSION_AS_OF} unless named otherwise. Strength
	 * {@code ln(fair / market) / dispersion}: BUY {@code z_calm_small_move} 3.92 (a 3.8 %
	 * move), {@code z_buy_strong} 3.65, {@code z_week_old} 3.31 (7 days old),
	 * {@code z_sealed} 2.80 (category {@code Sealed}), {@code z_buy_weak},
	 * {@code z_tie_a}, {@code z_tie_b} 2.27 (equal); SELL {@code z_sell} -5.25,
	 * {@code z_sell_weak} -2.80; HOLD {@code z_jumpy_big_move} 1.12 (a 20 % move),
	 * {@code z_hold} 0.98, {@code z_no_dispersion} (unknown, a 33 % move),
	 * {@code z_cheap} 13.9 (under 2 dollars), {@code z_outlier} 13.9 (outlier);
	 * {@code z_stale} 8.1 is 10 days old; {@code z_no_fair} has no fair price.
	 * @return the rows
	 */
	public static List<ServedFeaturesCodec.Row> dispersionRows() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		rows.add(dispersionRow("z_buy_strong", "pokemon", DISPERSION_AS_OF, 100.0, 120.0, 0.05, false));
		rows.add(dispersionRow("z_buy_weak", "pokemon", DISPERSION_AS_OF, 100.0, 112.0, 0.05, false));
		rows.add(dispersionRow("z_tie_b", "pokemon", DISPERSION_AS_OF, 50.0, 56.0, 0.05, false));
		rows.add(dispersionRow("z_tie_a", "pokemon", DISPERSION_AS_OF, 50.0, 56.0, 0.05, false));
		rows.add(dispersionRow("z_calm_small_move", "pokemon", DISPERSION_AS_OF, 100.0, 104.0, 0.01, false));
		rows.add(dispersionRow("z_jumpy_big_move", "pokemon", DISPERSION_AS_OF, 100.0, 125.0, 0.2, false));
		rows.add(dispersionRow("z_hold", "pokemon", DISPERSION_AS_OF, 100.0, 105.0, 0.05, false));
		rows.add(dispersionRow("z_sell", "pokemon", DISPERSION_AS_OF, 130.0, 100.0, 0.05, false));
		rows.add(dispersionRow("z_sell_weak", "pokemon", DISPERSION_AS_OF, 115.0, 100.0, 0.05, false));
		rows.add(dispersionRow("z_no_dispersion", "pokemon", DISPERSION_AS_OF, 100.0, 150.0, null, false));
		rows.add(dispersionRow("z_cheap", "pokemon", DISPERSION_AS_OF, 1.5, 3.0, 0.05, false));
		rows.add(dispersionRow("z_outlier", "pokemon", DISPERSION_AS_OF, 50.0, 100.0, 0.05, true));
		rows.add(dispersionRow("z_sealed", "Sealed", DISPERSION_AS_OF, 100.0, 115.0, 0.05, false));
		rows.add(dispersionRow("z_week_old", "pokemon", "2026-03-02", 90.0, 100.0, 0.05, false));
		rows.add(dispersionRow("z_week_old", "pokemon", "2026-03-03", 100.0, 118.0, 0.05, false));
		rows.add(dispersionRow("z_stale", "pokemon", "2026-02-28", 100.0, 150.0, 0.05, false));
		rows.add(dispersionRow("z_no_fair", "pokemon", DISPERSION_AS_OF, 100.0, null, null, false));
		return rows;
	}

	private static ServedFeaturesCodec.Row dispersionRow(String cardId, String category, String date, Double market,
			Double fair, Double dispersion, boolean outlier) {
		return row(cardId, "Name of " + cardId, category, date, market, fair, dispersion, outlier);
	}

	/**
	 * Metadata of a momentum model with a dispersion rule (threshold
	 * {@value #DISPERSION_THRESHOLD}, minimum price 2), a 7-day horizon and holdout
	 * metrics for both sides.
	 * @param version the model version
	 * @return the metadata
	 */
	public static ModelMetadata dispersionMetadata(String version) {
		return metadata(version, ModelMetadata.Thresholds.of(SignalRule.dispersion(DISPERSION_THRESHOLD, 2.0)),
				"momentum", 7, Map.of("buy_hit_rate_7d", 0.58, "buy_lift_pp_7d", 6.1, "buy_lift_pp_7d_low", 2.3,
						"buy_lift_pp_7d_high", 9.8, "sell_hit_rate_7d", 0.55, "sell_lift_pp_7d", 3.0));
	}

	/**
	 * Metadata as trainers wrote it before signal units, trends and horizons: a percent
	 * rule without {@code signal_unit}, {@code min_signal_price}, {@code trend} or
	 * {@code horizon_days}, and a horizon metric it cannot be tied to.
	 * @param version the model version
	 * @return the metadata file's content
	 */
	public static String olderMetadataJson(String version) {
		return """
				{"model_type": "sma", "window_size": 7, "trained_at": "2025-11-24T08:00:00Z",
				 "mlflow_run_id": null, "mlflow_experiment_id": null, "dataset_path": "data/processed/x.parquet",
				 "dataset_size": 9, "metrics": {"mape": 1.5, "buy_hit_rate_7d": 0.6, "sell_hit_rate_7d": 0.6},
				 "thresholds": {"buy_threshold_pct": 0.10, "sell_threshold_pct": 0.15},
				 "model_version": "%s", "data_hash": "abc", "features_file": "features.parquet",
				 "cards_count": 3}
				""".formatted(version);
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
		return row(cardId, name, "pokemon", date, market, fair, null, outlier);
	}

	/**
	 * One row with a category and a dispersion.
	 * @param cardId card
	 * @param name card name
	 * @param category card category, or {@code null}
	 * @param date ISO day
	 * @param market market price
	 * @param fair fair price
	 * @param dispersion the day's dispersion, or {@code null}
	 * @param outlier outlier flag
	 * @return the row
	 */
	public static ServedFeaturesCodec.Row row(String cardId, String name, String category, String date, Double market,
			Double fair, Double dispersion, boolean outlier) {
		return new ServedFeaturesCodec.Row(cardId, name, "Scarlet & Violet 151", category, LocalDate.parse(date),
				market, fair, dispersion, outlier);
	}

	/**
	 * Metadata as training writes it now: a signal rule, its trend, its horizon and its
	 * holdout metrics.
	 * @param version the model version
	 * @param thresholds the signal rule's thresholds
	 * @param trend {@code reversion} or {@code momentum}
	 * @param horizonDays the signal horizon
	 * @param metrics the holdout metrics
	 * @return the metadata
	 */
	public static ModelMetadata metadata(String version, ModelMetadata.Thresholds thresholds, String trend,
			Integer horizonDays, Map<String, Double> metrics) {
		return new ModelMetadata("sma", 7, "2025-11-24T08:00:00Z", null, null, "data/processed/test.parquet", 0,
				metrics, thresholds, version, "abc123", ModelMetadata.DEFAULT_FEATURES_FILE, 3, trend, horizonDays,
				null);
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
		return write(directory, rows,
				metadata(version, new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7, Map.of("mape", 1.5)));
	}

	/**
	 * Writes a model directory with the given metadata.
	 * @param directory the directory (created)
	 * @param rows the feature rows
	 * @param metadata the metadata
	 * @return the directory
	 */
	public static Path write(Path directory, List<ServedFeaturesCodec.Row> rows, ModelMetadata metadata) {
		try {
			Files.createDirectories(directory);
			ServedFeaturesCodec.write(directory.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), rows);
			writeMetadata(directory, JSON.writeValueAsString(metadata));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a model directory whose metadata is the given JSON text, e.g. metadata of an
	 * older trainer without the fields added since.
	 * @param directory the directory (created)
	 * @param rows the feature rows
	 * @param metadataJson the metadata file's content
	 * @return the directory
	 */
	public static Path write(Path directory, List<ServedFeaturesCodec.Row> rows, String metadataJson) {
		try {
			Files.createDirectories(directory);
			ServedFeaturesCodec.write(directory.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), rows);
			writeMetadata(directory, metadataJson);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeMetadata(Path directory, String json) throws IOException {
		Path tmp = directory.resolve(ModelMetadata.FILE_NAME + ".tmp");
		Files.writeString(tmp, json);
		Files.move(tmp, directory.resolve(ModelMetadata.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
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
