package dev.pokewatch.serving.servedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one version of a model file: training replaces a file (a new file key)
 * or rewrites it (a new size or modification time). The watcher compares the metadata
 * file's; the startup load compares every file's in the directory.
 *
 * @param exists whether the file exists
 * @param fileKey the file system's key (inode), changes on replacement
 * @param size the size in bytes
 * @param modifiedNanos the modification time
 */
record FileFingerprint(boolean exists, Object fileKey, long size, long modifiedNanos) {

	static final FileFingerprint ABSENT = new FileFingerprint(false, null, -1, -1);

	/**
	 * The fingerprint of a file.
	 * @param file the file
	 * @return its fingerprint, {@link #ABSENT} when it cannot be read
	 */
	static FileFingerprint of(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new FileFingerprint(true, attributes.fileKey(), attributes.size(),
					attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
		}
		catch (IOException ex) {
			return ABSENT;
		}
	}

	/**
	 * The fingerprints of every file in a directory.
	 * @param directory the directory
	 * @return each file's fingerprint by name; empty when the directory cannot be listed
	 */
	static Map<String, FileFingerprint> ofEach(Path directory) {
		Map<String, FileFingerprint> fingerprints = new TreeMap<>();
		try (var files = Files.list(directory)) {
			files.forEach((file) -> fingerprints.put(file.getFileName().toString(), of(file)));
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		return fingerprints;
	}

}
