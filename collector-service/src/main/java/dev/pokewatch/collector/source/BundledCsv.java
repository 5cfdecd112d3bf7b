package dev.pokewatch.collector.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the CSV files bundled in the collector jar: a header line, then one record per
 * line; a field may be quoted ({@code "..."}, {@code ""} for a quote) when it holds a
 * comma or a quote. Empty fields are returned as empty strings.
 */
public final class BundledCsv {

	private BundledCsv() {
	}

	/**
	 * Reads a bundled file record by record.
	 * @param resource the class path resource
	 * @param header the expected header line
	 * @param consumer receives the fields of each record
	 * @throws IllegalStateException if the resource is missing, its header differs or a
	 * record has another number of fields
	 */
	public static void read(String resource, String header, Consumer<String[]> consumer) {
		try (InputStream in = BundledCsv.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("bundled file " + resource + " is missing from the jar");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String first = reader.readLine();
			if (!header.equals(first)) {
				throw new IllegalStateException(resource + ": expected header '" + header + "', got '" + first + "'");
			}
			int columns = header.split(",", -1).length;
			String line;
			int number = 1;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isEmpty()) {
					continue;
				}
				String[] fields = fields(line);
				if (fields.length != columns) {
					throw new IllegalStateException(
							resource + " line " + number + ": expected " + columns + " fields, got " + fields.length);
				}
				consumer.accept(fields);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read bundled file " + resource, ex);
		}
	}

	static String[] fields(String line) {
		if (line.indexOf('"') < 0) {
			return line.split(",", -1);
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields.toArray(String[]::new);
	}

}
