package dev.pokewatch.serving.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory laid out as the training commands expect ({@code data/},
 * {@code models/candidate}, {@code models/baseline}, {@code reports/}), with the
 * arguments that run {@code validate} in it through {@link TrainingJar}: file-store
 * tracking inside it (never a tracking server of the machine) and the given Redis.
 *
 * @param root the directory
 */
public record TrainingWorkspace(Path root) {

	/**
	 * Creates a workspace in a new temporary directory.
	 * @param prefix the directory name's prefix
	 * @return the workspace
	 */
	public static TrainingWorkspace create(String prefix) {
		try {
			return new TrainingWorkspace(Files.createTempDirectory(prefix));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes {@code params.yaml} with every path inside the workspace.
	 * @param extra YAML appended (e.g. a {@code gate:} section), or empty
	 * @return the file
	 * @throws IOException when it cannot be written
	 */
	public Path writeParams(String extra) throws IOException {
		return Files.writeString(this.root.resolve("params.yaml"), """
				paths:
				  raw_dir: %1$s/data/raw
				  processed_dir: %1$s/data/processed
				  candidate_dir: %1$s/models/candidate
				  baseline_dir: %1$s/models/baseline
				  reports_dir: %1$s/reports
				""".formatted(this.root) + extra);
	}

	/**
	 * The arguments of {@code validate} with these params and Redis.
	 * @param params the params file
	 * @param redisUrl the Redis URL
	 * @return the arguments
	 */
	public String[] validateArgs(Path params, String redisUrl) {
		return new String[] { "validate", "--params", params.toString(), "--spring.data.redis.url=" + redisUrl,
				"--training.tracking.uri=", "--training.tracking.file-store-dir=" + this.root.resolve("mlruns"),
				"--logging.file.name=" + this.root.resolve("logs/training.log") };
	}

	/**
	 * A path inside the workspace.
	 * @param relative e.g. {@code models/baseline}
	 * @return the path
	 */
	public Path resolve(String relative) {
		return this.root.resolve(relative);
	}

}
