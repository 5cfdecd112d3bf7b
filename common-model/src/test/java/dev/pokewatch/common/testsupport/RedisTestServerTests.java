package dev.pokewatch.common.testsupport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisTestServer}'s local start against the real {@code redis-server}.
 */
@Tag("integration")
class RedisTestServerTests {

	@Test
	void startLocalWhenThePortIsTakenShouldStartAgainOnANewPort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Integer> given = new ArrayList<>();
			try (RedisTestServer server = RedisTestServer.startLocal(() -> {
				given.add(given.isEmpty() ? taken.getLocalPort() : TestEnvironment.freePort());
				return given.getLast();
			})) {
				assertThat(given).hasSizeGreaterThan(1).first().isEqualTo(taken.getLocalPort());
				assertThat(server.port()).isEqualTo(given.getLast());
				assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + given.getLast());
			}
		}
	}

}
