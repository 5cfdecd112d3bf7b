package dev.pokewatch.serving.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApiKeyHashes}, including agreement with {@code scripts/api-key.sh}.
 */
class ApiKeyHashesTests {

	private static final Pattern KEY = Pattern.compile("^  (pk_[A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

	private static final Pattern HASH = Pattern.compile("^  ([0-9a-f]{64})$", Pattern.MULTILINE);

	@Test
	void sha256HexWhenKnownVectorShouldMatchFipsDigest() {
		assertThat(ApiKeyHashes.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void sha256HexWhenNonAsciiShouldHashUtf8Bytes() {
		// U+00E9 is the two UTF-8 bytes c3 a9; hashing any other encoding gives another
		// digest.
		assertThat(ApiKeyHashes.sha256Hex("\u00e9"))
			.isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
	}

	@Test
	void fingerprintWhenHashShouldBeFirstEightChars() {
		assertThat(ApiKeyHashes.fingerprint(ApiKeyHashes.sha256Hex("abc"))).isEqualTo("ba7816bf");
	}

	@ParameterizedTest
	@CsvSource({ "openssl,sha256sum", "python3,openssl", "urandom,python3", "'',''" })
	void scriptWhenGeneratingKeyShouldPrintWellFormedKeyAndTheJavaHash(String random, String sha) throws Exception {
		String output = runScript(List.of(), null, random, sha);
		Matcher key = KEY.matcher(output);
		Matcher hash = HASH.matcher(output);
		assertThat(key.find()).as(output).isTrue();
		assertThat(hash.find()).as(output).isTrue();
		assertThat(hash.group(1)).isEqualTo(ApiKeyHashes.sha256Hex(key.group(1)));
		assertThat(output).contains("API_KEYS=" + key.group(1)).contains("API_KEY_HASHES=" + hash.group(1));
	}

	@Test
	void scriptWhenGeneratingTwiceShouldGiveDifferentKeys() throws Exception {
		Matcher first = KEY.matcher(runScript(List.of(), null, "", ""));
		Matcher second = KEY.matcher(runScript(List.of(), null, "", ""));
		assertThat(first.find()).isTrue();
		assertThat(second.find()).isTrue();
		assertThat(first.group(1)).isNotEqualTo(second.group(1));
	}

	@ParameterizedTest
	@CsvSource({ "sha256sum", "openssl", "python3" })
	void scriptWhenHashingKeyFromStdinShouldEqualJavaHash(String sha) throws Exception {
		String key = "pk_Some-Key_with-all_URL-safe-chars0123456789abcdefgh";
		String output = runScript(List.of("--hash"), key + "\n", "", sha).strip();
		assertThat(output).isEqualTo(ApiKeyHashes.sha256Hex(key));
	}

	private static String runScript(List<String> args, String stdin, String random, String sha)
			throws IOException, InterruptedException {
		Path script = repositoryRoot().resolve("scripts/api-key.sh");
		List<String> command = new ArrayList<>(List.of("bash", script.toString()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (!random.isEmpty()) {
			builder.environment().put("API_KEY_RANDOM", random);
		}
		if (!sha.isEmpty()) {
			builder.environment().put("API_KEY_SHA256", sha);
		}
		Process process = builder.start();
		if (stdin != null) {
			process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root (directory holding mvnw)").isNotNull();
		return dir;
	}

}
