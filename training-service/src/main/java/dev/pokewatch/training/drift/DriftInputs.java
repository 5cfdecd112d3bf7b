package dev.pokewatch.training.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.feature.ProcessedFeaturesCodec;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.served.ServedFeaturesFiles;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.system.ProcessedFiles;

/**
 * Reads what {@code drift} judges: the processed series and the served model. Every
 * unusable input is a usage error (exit 2) naming the file.
 */
final class DriftInputs {

	private static final Logger logger = LoggerFactory.getLogger(DriftInputs.class);

	private DriftInputs() {
	}

	/**
	 * Reads every processed file into series.
	 * @param dir the processed data directory
	 * @return one series per card
	 */
	static List<CardSeries> series(Path dir) {
		List<Path> files = ProcessedFiles.list(dir);
		List<CardSeries> series;
		try {
			series = ProcessedFeaturesCodec.readSeries(files).series();
		}
		catch (ParquetFileException ex) {
			throw new CommandException(CommandException.USAGE,
					"bad processed file " + ex.getMessage() + " (re-run preprocess)", ex);
		}
		if (series.isEmpty()) {
			throw CommandException.usage(dir + ": the processed files hold no rows");
		}
		return series;
	}

	/**
	 * Reads the served model.
	 * @param modelDir the served model's directory
	 * @param train the training parameters (dispersion, default horizon)
	 * @return the model
	 */
	static ServedModel servedModel(Path modelDir, TrainingParams.Train train) {
		ModelMetadata metadata = ModelFiles.readMetadata(modelDir);
		Path metadataFile = modelDir.resolve(ModelMetadata.FILE_NAME);
		FairPriceRule fairPrice;
		try {
			fairPrice = metadata.fairPriceRule();
			int horizon = (metadata.horizonDays() != null) ? metadata.horizonDays() : train.horizonDays();
			return new ServedModel(metadata, fairPrice, metadata.thresholds().toRule(),
					train.dispersion(metadata.windowSize()), horizon,
					lastFeatureDay(modelDir.resolve(metadata.featuresFile()), metadata.modelVersion()));
		}
		catch (IllegalArgumentException ex) {
			throw CommandException.usage(metadataFile + ": not a servable model: " + ex.getMessage());
		}
	}

	private static LocalDate lastFeatureDay(Path file, String modelVersion) {
		if (!Files.isRegularFile(file)) {
			throw CommandException.usage(file + ": not found");
		}
		LastDay last;
		try {
			last = ServedFeaturesFiles.read(file, modelVersion, LastDay::new, logger::warn).visitor();
		}
		catch (ParquetFileException ex) {
			throw new CommandException(CommandException.USAGE, "bad features file " + ex.getMessage(), ex);
		}
		if (last.epochDay == Integer.MIN_VALUE) {
			throw CommandException.usage(file + ": the features file holds no rows");
		}
		return LocalDate.ofEpochDay(last.epochDay);
	}

	/**
	 * The latest day of the served features.
	 */
	private static final class LastDay implements ServedFeaturesCodec.Visitor {

		private int epochDay = Integer.MIN_VALUE;

		@Override
		public void card(String cardId) {
		}

		@Override
		public void row(ServedFeaturesCodec.RowView row) {
			this.epochDay = Math.max(this.epochDay, row.epochDay());
		}

	}

}
