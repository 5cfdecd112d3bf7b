package dev.pokewatch.common.card;

import java.util.Locale;

/**
 * Turns a set name into the token used in data file names, the same way the older Python
 * system did: lower-case, spaces to {@code _}, drop {@code :}, {@code -} to {@code _},
 * keep {@code [a-z0-9_]}. {@code "SV2a: Pokemon Card 151"} becomes
 * {@code sv2a_pokemon_card_151}.
 *
 * @since 0.1.0
 */
public final class SafeSetName {

	private SafeSetName() {
	}

	/**
	 * Converts a set name to its safe file-name form.
	 * @param setName the display name of the set
	 * @return the safe name
	 * @throws IllegalArgumentException if nothing usable is left
	 */
	public static String of(String setName) {
		String safe = setName.toLowerCase(Locale.ROOT)
			.replace(' ', '_')
			.replace(":", "")
			.replace('-', '_')
			.replaceAll("[^a-z0-9_]", "");
		if (safe.isEmpty()) {
			throw new IllegalArgumentException("Set name '" + setName + "' has no characters usable in a file name");
		}
		return safe;
	}

}
