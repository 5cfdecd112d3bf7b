package dev.pokewatch.serving.watchlist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FileWatchlistStore}.
 */
class FileWatchlistStoreTests {

	@TempDir
	private Path dir;

	@Test
	void storeWhenReopenedShouldReadWhatWasWrittenAndLeaveNoTemporaryFile() throws IOException {
		Path file = this.dir.resolve("state").resolve("watchlists.json");
		FileWatchlistStore store = new FileWatchlistStore(file);
		assertThat(store.add("owner-a", "card-2", 10)).isTrue();
		assertThat(store.add("owner-a", "card-1", 10)).isTrue();
		assertThat(store.add("owner-b", "card-1", 10)).isTrue();
		assertThat(store.remove("owner-b", "card-1")).isTrue();
		assertThat(store.remove("owner-b", "card-1")).isFalse();

		FileWatchlistStore reopened = new FileWatchlistStore(file);
		assertThat(reopened.cards("owner-a")).containsExactlyInAnyOrder("card-1", "card-2");
		assertThat(reopened.all()).isEqualTo(Map.of("owner-a", Set.of("card-1", "card-2")));
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void addWhenListIsFullShouldRefuseANewCardButAcceptAListedOne() {
		FileWatchlistStore store = new FileWatchlistStore(this.dir.resolve("watchlists.json"));
		assertThat(store.add("owner", "card-1", 1)).isTrue();
		assertThat(store.add("owner", "card-2", 1)).isFalse();
		assertThat(store.add("owner", "card-1", 1)).isTrue();
		assertThat(store.cards("owner")).containsExactly("card-1");
	}

	@Test
	void storeWhenFileIsCorruptShouldFailNamingIt() throws IOException {
		Path file = Files.writeString(this.dir.resolve("watchlists.json"), "{not json");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> new FileWatchlistStore(file))
			.withMessageContaining("watchlists.json");
	}

}
