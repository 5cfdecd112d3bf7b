package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the small files of MLflow's file store: {@code meta.yaml} with every string
 * double-quoted (an all-digit id must stay a string) and numbers bare, always through a
 * temporary file and an atomic rename (MLflow's reader breaks on a half-written file).
 */
final class FileStoreYaml {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FileStoreYaml() {
	}

	/**
	 * Renders a flat map as YAML, one {@code key: value} line per entry.
	 * @param values strings, numbers, null; lists must be empty
	 * @return the YAML text
	 */
	static String toYaml(Map<String, Object> values) {
		StringBuilder yaml = new StringBuilder();
		values.forEach((key, value) -> yaml.append(key).append(": ").append(scalar(value)).append('\n'));
		return yaml.toString();
	}

	private static String scalar(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Number number) {
			return number.toString();
		}
		if (value instanceof List<?> list && list.isEmpty()) {
			return "[]";
		}
		// A JSON string literal is a valid YAML double-quoted scalar (same escapes).
		return JSON.writeValueAsString(value.toString());
	}

	/**
	 * The absolute {@code file:///} URI of a path, without the trailing slash that
	 * {@link Path#toUri()} adds for existing directories.
	 * @param path the path
	 * @return the URI text
	 */
	static String fileUri(Path path) {
		String uri = path.toAbsolutePath().normalize().toUri().toString();
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	/**
	 * Writes a file through a temporary sibling and an atomic rename.
	 * @param target the file
	 * @param content the content (UTF-8)
	 * @throws IOException when writing fails
	 */
	static void writeAtomically(Path target, String content) throws IOException {
		writeAtomically(target, content, target.getParent());
	}

	/**
	 * Writes a file through a temporary file and an atomic rename.
	 * @param target the file
	 * @param content the content (UTF-8)
	 * @param tempDirectory where the temporary file goes, on the same file system; for
	 * files in {@code tags/} or {@code params/} it must be elsewhere, or a leftover
	 * temporary file would read as a tag
	 * @throws IOException when writing fails
	 */
	static void writeAtomically(Path target, String content, Path tempDirectory) throws IOException {
		Path temp = tempDirectory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
