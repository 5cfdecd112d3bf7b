package dev.pokewatch.common.parquet;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.parquet.io.api.Binary;

/**
 * The decoded string values of many files read together (the raw files of a set), each
 * decoded once and held once: the rows of all the files then share one {@code String} per
 * value, so later comparisons of equal values are identity checks (writing rows sorted by
 * card compares every value with the previous row's). Safe for parallel reads.
 *
 * @since 0.1.0
 */
public final class SharedStrings {

	private final ConcurrentMap<Binary, String> strings = new ConcurrentHashMap<>();

	/**
	 * The string of a value's UTF-8 bytes.
	 * @param bytes the bytes, possibly reused by the reader after this call
	 * @return the one instance of that string
	 */
	String decode(Binary bytes) {
		String text = this.strings.get(bytes);
		if (text != null) {
			return text;
		}
		String decoded = bytes.toStringUsingUTF8();
		String raced = this.strings.putIfAbsent(bytes.copy(), decoded);
		return (raced != null) ? raced : decoded;
	}

}
