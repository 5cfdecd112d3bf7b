package dev.pokewatch.training.system;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Formatting for what the commands print for people: numbers rounded to at most three
 * decimals (two significant digits below 0.001) without trailing zeros ({@code 560}, not
 * {@code 560.0}; {@code 3.142}, not {@code 3.14159265}), and rows aligned in columns.
 */
public final class ConsoleFormat {

	private ConsoleFormat() {
	}

	/**
	 * A number for people.
	 * @param value the value, may be null
	 * @return e.g. {@code 3.142}, {@code 560}, {@code n/a} for null or non-finite
	 */
	public static String number(Double value) {
		if (value == null || !Double.isFinite(value)) {
			return "n/a";
		}
		if (value == 0) {
			return "0";
		}
		BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
		if (rounded.signum() == 0) {
			// a small limit such as 0.0001 must not read as 0
			rounded = BigDecimal.valueOf(value).round(new MathContext(2, RoundingMode.HALF_UP));
		}
		return rounded.stripTrailingZeros().toPlainString();
	}

	/**
	 * Aligns rows in columns: every column but the last is padded to its widest cell.
	 * @param indent text put before each row
	 * @param rows the rows, each a list of cells
	 * @return one line per row, without line separators
	 */
	public static List<String> table(String indent, List<List<String>> rows) {
		int columns = rows.stream().mapToInt(List::size).max().orElse(0);
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		List<String> lines = new ArrayList<>();
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder(indent);
			for (int i = 0; i < row.size(); i++) {
				boolean last = i == row.size() - 1;
				line.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
			}
			lines.add(line.toString().stripTrailing());
		}
		return lines;
	}

}
