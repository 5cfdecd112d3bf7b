package dev.pokewatch.serving.servedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one version of a model's metadata file: training replaces the file (a
 * new file key) or rewrites it (a new size or modification time).
 *
 * @param exists whether the file exists
 * @param fileKey the file system's key (inode), changes on replacement
 * @param size the size in bytes
 * @param modifiedNanos the modification time
 */
record MetadataFingerprint(boolean exists, Object fileKey, long size, long modifiedNanos) {

	static final MetadataFingerprint ABSENT = new MetadataFingerprint(false, null, -1, -1);

	static MetadataFingerprint of(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new MetadataFingerprint(true, attributes.fileKey(), attributes.size(),
					attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
		}
		catch (IOException ex) {
			return ABSENT;
		}
	}

}
