package dev.pokewatch.training.tracking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlflowTestServer}'s start against the real {@code mlflow server}.
 */
@Tag("integration")
class MlflowTestServerTests {

	@Test
	void startWhenThePortIsTakenShouldStartAgainOnANewPortAndLeaveNothingBehind(@TempDir Path parent) throws Exception {
		Path mlflow = MlflowTestServer.venvExecutable("mlflow");
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Integer> given = new ArrayList<>();
			MlflowTestServer server = MlflowTestServer.start(mlflow, () -> {
				given.add(given.isEmpty() ? taken.getLocalPort() : TestEnvironment.freePort());
				return given.getLast();
			}, parent);
			try {
				assertThat(given).hasSizeGreaterThan(1).first().isEqualTo(taken.getLocalPort());
				assertThat(server.uri()).hasToString("http://127.0.0.1:" + given.getLast());
				// the failed attempt's directory is gone: only the running server's is
				// left
				assertThat(children(parent)).containsExactly(server.directory());
			}
			finally {
				server.close();
			}
			assertThat(children(parent)).isEmpty();
		}
	}

	private static List<Path> children(Path directory) throws IOException {
		try (var files = Files.list(directory)) {
			return files.toList();
		}
	}

}
