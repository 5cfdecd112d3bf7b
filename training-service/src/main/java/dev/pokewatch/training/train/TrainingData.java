package dev.pokewatch.training.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.feature.ProcessedFeaturesCodec;
import dev.pokewatch.common.parquet.ParquetFileException;
import dev.pokewatch.training.system.CommandException;
import dev.pokewatch.training.system.ProcessedFiles;

/**
 * The processed files a model is trained on, their rows as card series, and a content
 * hash of the files (SHA-256 over each file's name and bytes, in name order).
 *
 * @param files the processed files, sorted by name
 * @param rows the number of rows read
 * @param series one series per card (they hold every row)
 * @param dataHash hex SHA-256
 */
record TrainingData(List<Path> files, long rows, List<CardSeries> series, String dataHash) {

	static TrainingData load(Path processedDir) {
		List<Path> files = ProcessedFiles.list(processedDir);
		ProcessedFeaturesCodec.SeriesRead read;
		try {
			read = ProcessedFeaturesCodec.readSeries(files);
		}
		catch (ParquetFileException ex) {
			throw new CommandException(CommandException.USAGE,
					"bad processed file " + ex.getMessage() + " (re-run preprocess)", ex);
		}
		if (read.rows() == 0) {
			throw CommandException.usage(processedDir + ": the processed files hold no rows");
		}
		return new TrainingData(files, read.rows(), read.series(), hash(files));
	}

	LocalDate firstDay() {
		return this.series.stream().map(CardSeries::firstDay).min(Comparator.naturalOrder()).orElseThrow();
	}

	LocalDate lastDay() {
		return this.series.stream().map((s) -> s.day(s.length() - 1)).max(Comparator.naturalOrder()).orElseThrow();
	}

	private static String hash(List<Path> files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			for (Path file : files) {
				digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				try (InputStream in = Files.newInputStream(file)) {
					int read;
					while ((read = in.read(buffer)) > 0) {
						digest.update(buffer, 0, read);
					}
				}
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw CommandException.usage("cannot hash processed files: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
