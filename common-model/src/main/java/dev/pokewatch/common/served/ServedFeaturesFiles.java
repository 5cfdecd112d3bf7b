package dev.pokewatch.common.served;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a model's served features from the fastest file that holds them: the binary
 * companion ({@link ServedFeaturesBinary}) when it is beside the Parquet file and its
 * header names the model's version, else the Parquet file of record
 * ({@link ServedFeaturesCodec}). The serving API's model load, the online-feature publish
 * on promotion and drift all read through here (the 10,000-card model: about 0.2 s
 * instead of 3 s).
 *
 * @since 0.1.0
 */
public final class ServedFeaturesFiles {

	private ServedFeaturesFiles() {
	}

	/**
	 * Reads the rows into a visitor.
	 * @param <V> the visitor's type
	 * @param parquetFile the model's features file (the binary companion is looked for
	 * beside it)
	 * @param modelVersion the version the binary file must name to be used
	 * @param visitors makes a visitor; asked again for the Parquet file when reading the
	 * binary file failed part-way, so no visitor sees rows twice
	 * @param warnings told, in one sentence, why a binary file that is there was not used
	 * (a logger's {@code warn}): the same words from every reader
	 * @return the visitor that received the rows and the file they came from
	 * @throws dev.pokewatch.common.parquet.ParquetFileException when the Parquet file
	 * cannot be read
	 */
	public static <V extends ServedFeaturesCodec.Visitor> Read<V> read(Path parquetFile, String modelVersion,
			Supplier<V> visitors, Consumer<String> warnings) {
		Path binary = parquetFile.resolveSibling(ServedFeaturesBinary.FILE_NAME);
		if (Files.isRegularFile(binary)) {
			try {
				String version = ServedFeaturesBinary.modelVersion(binary);
				if (version.equals(modelVersion)) {
					V visitor = visitors.get();
					ServedFeaturesBinary.read(binary, visitor);
					return new Read<>(visitor, binary);
				}
				warnings
					.accept(ignoring(binary + " belongs to model " + version + ", not " + modelVersion, parquetFile));
			}
			catch (IOException ex) {
				warnings.accept(ignoring(ex.getMessage(), parquetFile));
			}
		}
		V visitor = visitors.get();
		ServedFeaturesCodec.read(parquetFile, visitor);
		return new Read<>(visitor, parquetFile);
	}

	private static String ignoring(String why, Path parquetFile) {
		return "Ignoring the binary features file: " + why + "; reading " + parquetFile;
	}

	/**
	 * What a read gave.
	 *
	 * @param <V> the visitor's type
	 * @param visitor the visitor that received the rows
	 * @param file the file they came from
	 */
	public record Read<V>(V visitor, Path file) {
	}

}
