package dev.pokewatch.training.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.common.served.ModelMetadata;

/**
 * File helpers of the model directories: JSON documents written atomically, metadata
 * reading, and whole-directory replacement that never leaves a half-written directory in
 * place.
 */
public final class ModelFiles {

	private static final Logger logger = LoggerFactory.getLogger(ModelFiles.class);

	/** The file in a model directory recording where its run was tracked. */
	public static final String TRACKING_FILE = "tracking.json";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ModelFiles() {
	}

	/**
	 * Writes a value as indented JSON, atomically.
	 * @param file the target
	 * @param value the value
	 * @throws IOException when it cannot be written
	 */
	public static void writeJson(Path file, Object value) throws IOException {
		writeText(file, JSON.writeValueAsString(value) + "\n");
	}

	/**
	 * Writes UTF-8 text, atomically.
	 * @param file the target
	 * @param text the text
	 * @throws IOException when it cannot be written
	 */
	public static void writeText(Path file, String text) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temp = dir.resolve("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
		try {
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			move(temp, file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Reads a model directory's metadata.
	 * @param modelDir the directory
	 * @return the metadata
	 * @throws CommandException exit 2 naming the file when missing or unreadable
	 */
	public static ModelMetadata readMetadata(Path modelDir) {
		Path file = modelDir.resolve(ModelMetadata.FILE_NAME);
		try {
			return JSON.readValue(Files.readString(file), ModelMetadata.class);
		}
		catch (NoSuchFileException ex) {
			throw CommandException.usage(file + ": not found");
		}
		catch (IOException | JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw CommandException.usage(file + ": not a readable model metadata file: " + ex.getMessage());
		}
	}

	/**
	 * Reads a flat JSON object of strings.
	 * @param file the file
	 * @return its entries
	 * @throws IOException when missing or unreadable
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, String> readStringMap(Path file) throws IOException {
		try {
			return JSON.readValue(Files.readString(file), Map.class);
		}
		catch (JacksonException ex) {
			throw new IOException(file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A fresh hidden staging directory next to {@code target}, on the same file system so
	 * that it can be renamed into place.
	 * @param target the directory to be replaced later
	 * @return the created staging directory
	 * @throws IOException when it cannot be created
	 */
	public static Path stage(Path target) throws IOException {
		Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		return Files.createDirectory(parent.resolve("." + target.getFileName() + "-new-" + UUID.randomUUID()));
	}

	/**
	 * Replaces {@code target} by the complete directory {@code staged}: the old directory
	 * is renamed away, the new one renamed in, then the old one deleted. At every moment
	 * {@code target} is either the complete old or the complete new directory (or,
	 * between the two renames, briefly absent); if the second rename fails the old one is
	 * put back.
	 * @param staged a complete directory next to {@code target}
	 * @param target the directory to replace
	 * @throws IOException when the swap fails (then {@code target} is unchanged)
	 */
	public static void replaceDirectory(Path staged, Path target) throws IOException {
		recoverInterruptedSwap(target);
		Path parent = target.toAbsolutePath().getParent();
		Path old = parent.resolve("." + target.getFileName() + "-old-" + UUID.randomUUID());
		boolean hadOld = Files.exists(target);
		if (hadOld) {
			move(target, old);
		}
		try {
			move(staged, target);
		}
		catch (IOException ex) {
			if (hadOld) {
				move(old, target);
			}
			throw ex;
		}
		if (hadOld) {
			try {
				deleteRecursively(old);
			}
			catch (IOException ex) {
				// the new directory is in place: a leftover hidden copy must not fail the
				// promotion
				logger.warn("Could not delete the previous {} kept at {}: {}", target, old, ex.toString());
			}
		}
	}

	/**
	 * Puts the old directory back when a process died between the two renames of
	 * {@link #replaceDirectory}: {@code target} is absent but its renamed-away copy
	 * exists.
	 * @param target the directory that should exist
	 * @return whether a copy was restored
	 * @throws IOException when the directory cannot be listed or moved
	 */
	public static boolean recoverInterruptedSwap(Path target) throws IOException {
		Path parent = target.toAbsolutePath().getParent();
		if (Files.exists(target) || !Files.isDirectory(parent)) {
			return false;
		}
		String prefix = "." + target.getFileName() + "-old-";
		Path newest = null;
		try (var children = Files.list(parent)) {
			for (Path child : (Iterable<Path>) children::iterator) {
				if (child.getFileName().toString().startsWith(prefix) && Files.isDirectory(child) && (newest == null
						|| Files.getLastModifiedTime(child).compareTo(Files.getLastModifiedTime(newest)) > 0)) {
					newest = child;
				}
			}
		}
		if (newest == null) {
			return false;
		}
		move(newest, target);
		return true;
	}

	/**
	 * Copies a directory tree.
	 * @param source the directory
	 * @param target an existing empty directory
	 * @throws IOException when copying fails
	 */
	public static void copyTree(Path source, Path target) throws IOException {
		Files.walkFileTree(source, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(target.resolve(source.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.copy(file, target.resolve(source.relativize(file).toString()),
						StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	/**
	 * Deletes a file or directory tree if present.
	 * @param path the path
	 * @throws IOException when deletion fails
	 */
	public static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		Files.walkFileTree(path, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to);
		}
	}

}
