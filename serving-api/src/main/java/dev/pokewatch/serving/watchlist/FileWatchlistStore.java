package dev.pokewatch.serving.watchlist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watchlists in one local JSON file ({@code {"<owner>": ["<card>", ...]}}), for a single
 * replica without Redis. The file is read once and rewritten whole on each change:
 * written to a temporary file beside it, then moved over it, so a crash never leaves half
 * a file.
 */
final class FileWatchlistStore implements WatchlistStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Set<String>>> FORMAT = new TypeReference<>() {
	};

	private final Path file;

	private final Map<String, Set<String>> watchlists;

	FileWatchlistStore(Path file) {
		this.file = file.toAbsolutePath().normalize();
		this.watchlists = read(this.file);
	}

	@Override
	public synchronized Set<String> cards(String owner) {
		return Set.copyOf(this.watchlists.getOrDefault(owner, Set.of()));
	}

	@Override
	public synchronized boolean add(String owner, String cardId, int maxCards) {
		Set<String> cards = this.watchlists.computeIfAbsent(owner, (key) -> new TreeSet<>());
		if (cards.contains(cardId)) {
			return true;
		}
		if (cards.size() >= maxCards) {
			return false;
		}
		cards.add(cardId);
		write();
		return true;
	}

	@Override
	public synchronized boolean remove(String owner, String cardId) {
		Set<String> cards = this.watchlists.get(owner);
		if (cards == null || !cards.remove(cardId)) {
			return false;
		}
		if (cards.isEmpty()) {
			this.watchlists.remove(owner);
		}
		write();
		return true;
	}

	@Override
	public synchronized Map<String, Set<String>> all() {
		Map<String, Set<String>> copy = new TreeMap<>();
		this.watchlists.forEach((owner, cards) -> copy.put(owner, Set.copyOf(cards)));
		return copy;
	}

	private void write() {
		try {
			Files.createDirectories(this.file.getParent());
			Path tmp = Files.createTempFile(this.file.getParent(), this.file.getFileName().toString(), ".tmp");
			try {
				Files.writeString(tmp, JSON.writeValueAsString(this.watchlists));
				Files.move(tmp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the watchlists to " + this.file, ex);
		}
	}

	private static Map<String, Set<String>> read(Path file) {
		Map<String, Set<String>> watchlists = new TreeMap<>();
		if (!Files.exists(file)) {
			return watchlists;
		}
		try {
			JSON.readValue(Files.readString(file), FORMAT)
				.forEach((owner, cards) -> watchlists.put(owner, new TreeSet<>(cards)));
			return watchlists;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the watchlists from " + file, ex);
		}
		catch (JacksonException ex) {
			// a damaged file must stop the start, not be overwritten by an empty list
			throw new IllegalStateException("Cannot read the watchlists from " + file + ": not a JSON object of "
					+ "card id lists (fix or remove the file)", ex);
		}
	}

}
