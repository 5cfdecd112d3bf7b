package dev.pokewatch.training.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.pokewatch.training.preprocess.PreprocessCommand.SetSummary;

/**
 * Where one preprocessing run writes its processed files before they replace the previous
 * ones: a directory beside the output directory (same file system, so publishing is a
 * rename per file), named after the process so two runs never share it. Closing it
 * deletes whatever was not published; directories left by a killed run are deleted by the
 * next one.
 */
final class StagingDirectory implements AutoCloseable {

	private static final Pattern NAME = Pattern.compile("\\..+\\.staging-(\\d+)");

	private final Path path;

	private StagingDirectory(Path path) {
		this.path = path;
	}

	/**
	 * Creates the staging directory of this process beside {@code outDir}, after deleting
	 * those of processes that no longer run.
	 * @param outDir the processed-files directory
	 * @return the staging directory
	 */
	static StagingDirectory beside(Path outDir) {
		Path parent = outDir.toAbsolutePath().normalize().getParent();
		String prefix = "." + outDir.getFileName() + ".staging-";
		try {
			Files.createDirectories(parent);
			try (Stream<Path> siblings = Files.list(parent)) {
				for (Path sibling : siblings.filter((p) -> p.getFileName().toString().startsWith(prefix)).toList()) {
					if (!runningProcess(sibling)) {
						deleteRecursively(sibling);
					}
				}
			}
			Path path = parent.resolve(prefix + ProcessHandle.current().pid());
			deleteRecursively(path);
			Files.createDirectories(path);
			return new StagingDirectory(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a staging directory beside " + outDir, ex);
		}
	}

	Path path() {
		return this.path;
	}

	/**
	 * Moves every staged file into {@code outDir}, replacing the file of the same name.
	 * @param sets the staged sets
	 * @param outDir the processed-files directory
	 * @return the sets with their published file
	 */
	List<SetSummary> publish(List<SetSummary> sets, Path outDir) {
		List<SetSummary> published = new ArrayList<>(sets.size());
		try {
			Files.createDirectories(outDir);
			for (SetSummary set : sets) {
				Path target = outDir.resolve(set.file().getFileName());
				Files.move(set.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				published.add(new SetSummary(set.set(), target, set.files(), set.rawRows(), set.rows(), set.cards(),
						set.outliers()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot move processed files into " + outDir, ex);
		}
		return published;
	}

	@Override
	public void close() {
		try {
			deleteRecursively(this.path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the staging directory " + this.path, ex);
		}
	}

	private static boolean runningProcess(Path staging) {
		Matcher matcher = NAME.matcher(staging.getFileName().toString());
		Optional<ProcessHandle> process = matcher.matches() ? ProcessHandle.of(Long.parseLong(matcher.group(1)))
				: Optional.empty();
		return process.map(ProcessHandle::isAlive).orElse(false);
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(path)) {
			for (Path entry : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(entry);
			}
		}
	}

}
