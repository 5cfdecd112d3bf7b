package dev.pokewatch.common.naming;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lower-case ids of enum constants ({@code MOMENTUM} is {@code momentum}) and their
 * parsing, one rule for every enum that appears in params.yaml, metadata or metric names.
 *
 * @since 0.2.0
 */
public final class EnumIds {

	private EnumIds() {
	}

	/**
	 * The id of a constant.
	 * @param constant the constant
	 * @return its name in lower case
	 */
	public static String id(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses an id, ignoring case and surrounding blanks.
	 * @param <E> the enum type
	 * @param type the enum class
	 * @param text the id
	 * @param what what the value is, for the error, e.g. {@code trend}
	 * @return the constant
	 * @throws IllegalArgumentException naming the value and the accepted ids
	 */
	public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(text.trim())) {
				return constant;
			}
		}
		String accepted = Arrays.stream(type.getEnumConstants()).map(EnumIds::id).collect(Collectors.joining(", "));
		throw new IllegalArgumentException("unknown " + what + " '" + text + "' (use " + accepted + ")");
	}

}
