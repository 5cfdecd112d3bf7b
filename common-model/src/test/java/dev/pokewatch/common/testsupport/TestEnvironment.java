package dev.pokewatch.common.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of every module need from the machine: the repository root, the
 * project's Python venv (mlflow, dvc), executables on the PATH and free loopback ports. A
 * missing tool skips the test, except under {@code CI=true}, where it fails: CI installs
 * every tool ({@code make test}), so a skip there would hide a broken install step.
 */
public final class TestEnvironment {

	private TestEnvironment() {
	}

	/**
	 * The repository root: the nearest directory holding {@code mvnw}, walking up from
	 * the working directory (Maven runs each module's tests in the module directory).
	 * @return the root
	 */
	public static Path repoRoot() {
		Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.exists(candidate.resolve("mvnw"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("No mvnw found in " + dir + " or its parents");
	}

	/**
	 * The Python venv with the tools: {@code POKEWATCH_VENV}, else
	 * {@code <repo root>/.venv}.
	 * @return the venv directory (may not exist)
	 */
	public static Path venv() {
		String configured = System.getenv("POKEWATCH_VENV");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return repoRoot().resolve(".venv");
	}

	/**
	 * An executable of the venv ({@code mlflow}, {@code dvc}, {@code python}), or a
	 * skipped test (a failed one under {@code CI=true}) when the venv lacks it.
	 * @param name the executable name in {@code <venv>/bin}
	 * @return its path
	 */
	public static Path venvExecutable(String name) {
		Path executable = venv().resolve("bin").resolve(name);
		if (!Files.isExecutable(executable)) {
			unavailable("No " + name + " in the Python venv " + venv()
					+ " (set POKEWATCH_VENV or run `make test`, which creates <repo>/.venv with mlflow and dvc)");
		}
		return executable;
	}

	/**
	 * An executable on the PATH, or a skipped test (a failed one under {@code CI=true}).
	 * @param name the executable, e.g. {@code redis-server}
	 * @param installHint how to install it
	 * @return its path
	 */
	public static Path executableOnPath(String name, String installHint) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				Path candidate = Path.of(dir, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		unavailable(name + " is not on PATH (" + installHint + ")");
		throw new IllegalStateException("unreachable");
	}

	/**
	 * A loopback port free at the time of the call.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	/**
	 * Skips the test when something it needs is missing, except under {@code CI=true},
	 * where it fails: CI must never pass by skipping.
	 * @param available whether the prerequisite is there
	 * @param message what is missing
	 */
	public static void requireOrSkip(boolean available, String message) {
		if (!available) {
			unavailable(message);
		}
	}

	private static void unavailable(String message) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
		}
		Assumptions.abort(message);
	}

}
