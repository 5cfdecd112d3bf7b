package dev.pokewatch.common.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TestEnvironment}.
 */
class TestEnvironmentTests {

	@Test
	void repoRootWhenRunFromModuleShouldBeTheDirectoryWithTheWrapperAndModules() {
		assertThat(TestEnvironment.repoRoot().resolve("mvnw")).exists();
		assertThat(TestEnvironment.repoRoot().resolve("common-model/pom.xml")).exists();
	}

	@Test
	void freePortWhenReturnedShouldBeBindable() throws IOException {
		int port = TestEnvironment.freePort();
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void executableOnPathWhenPresentShouldResolveIt() {
		assertThat(Files.isExecutable(TestEnvironment.executableOnPath("sh", "part of every system"))).isTrue();
	}

}
