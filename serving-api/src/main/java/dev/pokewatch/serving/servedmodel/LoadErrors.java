package dev.pokewatch.serving.servedmodel;

import java.util.regex.Pattern;

/**
 * Model load errors as callers other than an administrator may see them: file names stay,
 * the directories leading to them (which tell a caller how the host is laid out) go. Logs
 * and the admin reload answer keep the full reason.
 */
public final class LoadErrors {

	private static final Pattern PATH_PREFIX = Pattern.compile("[^\\s'\"]*[\\\\/]");

	private LoadErrors() {
	}

	/**
	 * A load error without directories.
	 * @param error the load error, may be {@code null}
	 * @return the error without directories, {@code null} for {@code null}
	 */
	public static String withoutDirectories(String error) {
		return (error != null) ? PATH_PREFIX.matcher(error).replaceAll("") : null;
	}

}
