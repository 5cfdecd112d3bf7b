package dev.pokewatch.collector.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pokewatch.collector.collect.CollectRequest;
import dev.pokewatch.collector.collect.CollectionService;
import dev.pokewatch.collector.collect.RunSummary;
import dev.pokewatch.collector.collect.SourceName;
import dev.pokewatch.collector.collect.UsageException;
import dev.pokewatch.collector.system.CollectorProperties;

/**
 * The {@code collect} command: parses its options (defaults from the configuration, that
 * is from the environment), runs the collection, prints the summary and returns the exit
 * code: 0 something collected, 1 nothing collected or provider refused access, 2 usage or
 * configuration error.
 */
public class CollectCommand {

	/** Printed on a usage error. */
	public static final String USAGE = """
			Usage: java -jar collector-service.jar collect [--date YYYY-MM-DD] [--days N]
			         [--source auto|sample|pokemonpricetracker|tcgcsv] [--cards config/cards.yaml]
			         [--output-dir data/raw]
			       java -jar collector-service.jar serve""";

	private static final Set<String> OPTIONS = Set.of("--date", "--days", "--source", "--cards", "--output-dir");

	private final CollectionService service;

	private final CollectorProperties properties;

	private final PrintStream out;

	private final PrintStream err;

	public CollectCommand(CollectionService service, CollectorProperties properties, PrintStream out, PrintStream err) {
		this.service = service;
		this.properties = properties;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code collect}
	 * @return the exit code
	 */
	public int run(List<String> args) {
		try {
			CollectRequest request = parse(args);
			RunSummary summary = this.service.collect(request);
			this.out.print(summary.render());
			this.out.flush();
			return summary.exitCode();
		}
		catch (UsageException ex) {
			this.err.println("collect: " + ex.getMessage());
			this.err.println(USAGE);
			return 2;
		}
	}

	CollectRequest parse(List<String> args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			if (!OPTIONS.contains(name)) {
				throw new UsageException("unknown argument '" + arg + "'");
			}
			if (value == null) {
				if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
					throw new UsageException(name + ": a value is required");
				}
				value = args.get(++i);
			}
			if (options.put(name, value) != null) {
				throw new UsageException(name + ": given twice");
			}
		}
		SourceName source = options.containsKey("--source") ? SourceName.parse(options.get("--source"), "--source")
				: SourceName.parse(this.properties.source(), "collector.source (COLLECTOR_SOURCE)");
		Path cards = options.containsKey("--cards") ? path("--cards", options.get("--cards"))
				: this.properties.cardsConfig();
		Path output = options.containsKey("--output-dir") ? path("--output-dir", options.get("--output-dir"))
				: this.properties.rawDir();
		return new CollectRequest(source, cards, output, date(options.get("--date")), days(options.get("--days")));
	}

	private static LocalDate date(String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--date: '" + value + "' is not a date (YYYY-MM-DD)");
		}
	}

	private static Integer days(String value) {
		if (value == null) {
			return null;
		}
		try {
			int days = Integer.parseInt(value);
			if (days < 1) {
				throw new UsageException("--days: must be at least 1, got " + days);
			}
			return days;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--days: '" + value + "' is not a whole number");
		}
	}

	private static Path path(String option, String value) {
		if (value.isBlank()) {
			throw new UsageException(option + ": must not be empty");
		}
		return Path.of(value);
	}

}
