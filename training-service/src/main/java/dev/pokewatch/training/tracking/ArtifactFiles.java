package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the files to log for {@link TrackedRun#logArtifacts}: a file goes to
 * {@code <artifactDir>/<file name>}, a directory's content goes, recursively, under
 * {@code <artifactDir>/} (the same rule as MLflow's {@code log_artifact} and
 * {@code log_artifacts}).
 */
final class ArtifactFiles {

	private static final Pattern UNSAFE_SEGMENT = Pattern.compile("^\\.{1,2}$|[\\\\#\\x00]|^[A-Za-z]:$");

	private ArtifactFiles() {
	}

	/**
	 * One file to log.
	 *
	 * @param source the local file
	 * @param artifactPath its {@code /}-separated path under the run's artifact root
	 */
	record ArtifactFile(Path source, String artifactPath) {

	}

	/**
	 * Lists the files below a local path with their artifact paths, sorted.
	 * @param localPath a file or directory
	 * @param artifactDir the target directory under the artifact root ({@code ""} = root)
	 * @return the files; empty for an empty directory
	 * @throws TrackingException when the path does not exist or a path is unsafe
	 */
	static List<ArtifactFile> list(Path localPath, String artifactDir) {
		Objects.requireNonNull(localPath, "'localPath' must not be null");
		String dir = normalizeDir(artifactDir);
		if (Files.isRegularFile(localPath)) {
			return List.of(new ArtifactFile(localPath, join(dir, localPath.getFileName().toString())));
		}
		if (!Files.isDirectory(localPath)) {
			throw new TrackingException("Cannot log artifacts: " + localPath + " does not exist");
		}
		try (Stream<Path> files = Files.walk(localPath)) {
			return files.filter(Files::isRegularFile).sorted().map((file) -> {
				String relative = localPath.relativize(file)
					.toString()
					.replace(file.getFileSystem().getSeparator(), "/");
				return new ArtifactFile(file, join(dir, checkSafe(relative)));
			}).toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new TrackingException("Cannot list artifacts in " + localPath + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Normalizes a target directory: no leading/trailing slashes, no {@code ..} segments.
	 * @param artifactDir the directory, may be null or empty for the root
	 * @return the normalized directory, {@code ""} for the root
	 */
	static String normalizeDir(String artifactDir) {
		if (artifactDir == null) {
			return "";
		}
		String dir = artifactDir.replace('\\', '/');
		while (dir.startsWith("/")) {
			dir = dir.substring(1);
		}
		while (dir.endsWith("/")) {
			dir = dir.substring(0, dir.length() - 1);
		}
		return dir.isEmpty() ? "" : checkSafe(dir);
	}

	private static String checkSafe(String path) {
		for (String segment : path.split("/", -1)) {
			if (segment.isEmpty() || UNSAFE_SEGMENT.matcher(segment).find()) {
				throw new TrackingException(
						"Unsafe artifact path '" + path + "' (empty, '.', '..', '#' or '\\' segment)");
			}
		}
		return path;
	}

	private static String join(String dir, String relative) {
		return dir.isEmpty() ? relative : dir + "/" + relative;
	}

}
