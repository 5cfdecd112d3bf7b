package dev.pokewatch.training.tracking;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlflowTestServer}'s start against the real {@code mlflow server}.
 */
class MlflowTestServerTests {

	@Test
	void startWhenThePortIsTakenShouldStartAgainOnTheNextPortAndLeaveNothingBehind() throws Exception {
		Path mlflow = MlflowTestServer.venvExecutable("mlflow");
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int free = TestEnvironment.freePort();
			List<Integer> given = new ArrayList<>(List.of(taken.getLocalPort(), free));
			List<Path> before = mlflowTestDirectories();
			MlflowTestServer server = MlflowTestServer.start(mlflow, () -> given.remove(0));
			try {
				assertThat(given).isEmpty();
				assertThat(server.uri()).hasToString("http://127.0.0.1:" + free);
				// the failed attempt's directory is gone: only the running server's is
				// new
				List<Path> added = new ArrayList<>(mlflowTestDirectories());
				added.removeAll(before);
				assertThat(added).containsExactly(server.directory());
			}
			finally {
				server.close();
			}
			assertThat(server.directory()).doesNotExist();
		}
	}

	private static List<Path> mlflowTestDirectories() throws Exception {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		try (var files = Files.list(tmp)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("mlflow-test-server")).toList();
		}
	}

}
