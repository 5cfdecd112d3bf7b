package dev.pokewatch.training.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ModelFiles}.
 */
class ModelFilesTests {

	@TempDir
	Path dir;

	@Test
	void replaceDirectoryShouldSwapWholeDirectoryAndLeaveNoTemporaries() throws IOException {
		Path target = this.dir.resolve("baseline");
		Files.createDirectories(target);
		Files.writeString(target.resolve("old.txt"), "old");
		Path staged = ModelFiles.stage(target);
		Files.writeString(staged.resolve("new.txt"), "new");
		ModelFiles.replaceDirectory(staged, target);
		assertThat(target.resolve("new.txt")).hasContent("new");
		assertThat(target.resolve("old.txt")).doesNotExist();
		try (var entries = Files.list(this.dir)) {
			assertThat(entries).containsExactly(target);
		}
	}

	@Test
	void replaceDirectoryWhenStagedMissingShouldKeepOldDirectory() throws IOException {
		Path target = this.dir.resolve("baseline");
		Files.createDirectories(target);
		Files.writeString(target.resolve("model.txt"), "champion");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> ModelFiles.replaceDirectory(this.dir.resolve(".missing"), target));
		assertThat(target.resolve("model.txt")).hasContent("champion");
	}

	@Test
	void recoverInterruptedSwapWhenTargetMissingShouldRestoreTheRenamedAwayCopy() throws IOException {
		Path target = this.dir.resolve("baseline");
		// what a crash between the two renames of replaceDirectory leaves behind
		Path aside = Files.createDirectories(this.dir.resolve(".baseline-old-1234"));
		Files.writeString(aside.resolve("model.txt"), "champion");

		assertThat(ModelFiles.recoverInterruptedSwap(target)).isTrue();

		assertThat(target.resolve("model.txt")).hasContent("champion");
		assertThat(aside).doesNotExist();
	}

	@Test
	void recoverInterruptedSwapWhenTargetExistsShouldLeaveEverythingAlone() throws IOException {
		Path target = Files.createDirectories(this.dir.resolve("baseline"));
		Path aside = Files.createDirectories(this.dir.resolve(".baseline-old-1234"));

		assertThat(ModelFiles.recoverInterruptedSwap(target)).isFalse();

		assertThat(target).exists();
		assertThat(aside).exists();
	}

	@Test
	void readMetadataWhenInvalidShouldExitTwoNamingFile() throws IOException {
		Files.writeString(this.dir.resolve("model_metadata.json"), "{\"window_size\": 3}");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ModelFiles.readMetadata(this.dir))
			.withMessageContaining("model_metadata.json")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(CommandException.USAGE));
	}

}
