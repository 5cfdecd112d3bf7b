package dev.pokewatch.common.stats;

import java.util.Arrays;

/**
 * Keeps the prefix {@code values[0..count)} of an array sorted while single values enter
 * and leave it: the sliding windows of the median fair price and of the outlier rule,
 * which would otherwise re-sort every window from scratch.
 *
 * @since 0.1.0
 */
public final class SortedArrays {

	private SortedArrays() {
	}

	/**
	 * Inserts a value, keeping the prefix sorted.
	 * @param values the array; must have room for one more value
	 * @param count the length of the sorted prefix
	 * @param value the value to insert
	 * @return the new prefix length, {@code count + 1}
	 */
	public static int insert(double[] values, int count, double value) {
		int at = Arrays.binarySearch(values, 0, count, value);
		if (at < 0) {
			at = -at - 1;
		}
		System.arraycopy(values, at, values, at + 1, count - at);
		values[at] = value;
		return count + 1;
	}

	/**
	 * Removes one occurrence of a value present in the prefix.
	 * @param values the array
	 * @param count the length of the sorted prefix
	 * @param value a value present in the prefix
	 * @return the new prefix length, {@code count - 1}
	 */
	public static int remove(double[] values, int count, double value) {
		int at = Arrays.binarySearch(values, 0, count, value);
		System.arraycopy(values, at + 1, values, at, count - at - 1);
		return count - 1;
	}

}
