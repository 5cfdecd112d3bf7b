package dev.pokewatch.training.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command: {@code --name value} pairs and {@code --flag} switches; any
 * other word is a usage error naming it. Spring properties given as
 * {@code --some.property=value} are left to Spring Boot.
 */
public final class Arguments {

	private final Map<String, String> values;

	private final Set<String> flagsGiven;

	private Arguments(Map<String, String> values, Set<String> flagsGiven) {
		this.values = values;
		this.flagsGiven = flagsGiven;
	}

	/**
	 * Parses options.
	 * @param command the command, for messages
	 * @param args the words after the command
	 * @param options accepted options that take a value (without {@code --})
	 * @param flags accepted switches (without {@code --})
	 * @return the parsed options
	 * @throws CommandException (exit 2) naming an unknown or incomplete option
	 */
	public static Arguments parse(String command, List<String> args, Set<String> options, Set<String> flags) {
		Map<String, String> values = new HashMap<>();
		Set<String> given = new java.util.HashSet<>();
		for (int i = 0; i < args.size(); i++) {
			String word = args.get(i);
			String name = word.startsWith("--") ? word.substring(2) : null;
			String inline = null;
			if (name != null && name.contains("=")) {
				inline = name.substring(name.indexOf('=') + 1);
				name = name.substring(0, name.indexOf('='));
			}
			if (name != null && inline != null && name.contains(".")) {
				// a Spring property (--training.tracking.uri=...), already applied by
				// Boot
				continue;
			}
			if (name != null && flags.contains(name) && inline == null) {
				given.add(name);
			}
			else if (name != null && options.contains(name)) {
				String value = inline;
				if (value == null) {
					if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
						throw CommandException.usage(command + ": option '--" + name + "' needs a value");
					}
					value = args.get(++i);
				}
				values.put(name, value);
			}
			else {
				throw CommandException
					.usage(command + ": unknown argument '" + word + "' (accepted: " + describe(options, flags) + ")");
			}
		}
		return new Arguments(values, given);
	}

	private static String describe(Set<String> options, Set<String> flags) {
		StringBuilder text = new StringBuilder();
		options.stream().sorted().forEach((o) -> text.append("--").append(o).append(" <value> "));
		flags.stream().sorted().forEach((f) -> text.append("--").append(f).append(' '));
		return text.toString().trim();
	}

	/**
	 * A path option.
	 * @param name the option
	 * @param fallback used when absent
	 * @return the path
	 */
	public Path path(String name, Path fallback) {
		String value = this.values.get(name);
		return (value != null) ? Path.of(value) : fallback;
	}

	/**
	 * Whether an option or switch was given.
	 * @param name the option
	 * @return {@code true} if given
	 */
	public boolean has(String name) {
		return this.values.containsKey(name) || this.flagsGiven.contains(name);
	}

}
