package dev.pokewatch.common.testsupport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisTestServer}'s local start against the real {@code redis-server}.
 */
class RedisTestServerTests {

	@Test
	void startLocalWhenThePortIsTakenShouldStartAgainOnTheNextPort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int free = TestEnvironment.freePort();
			List<Integer> given = new ArrayList<>(List.of(taken.getLocalPort(), free));
			try (RedisTestServer server = RedisTestServer.startLocal(() -> given.remove(0))) {
				assertThat(given).isEmpty();
				assertThat(server.port()).isEqualTo(free);
				assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + free);
			}
		}
	}

}
