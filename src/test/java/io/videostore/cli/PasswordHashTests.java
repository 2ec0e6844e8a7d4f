package io.videostore.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --hash-password} prints a hash that logs the user in, and never the password.
 */
class PasswordHashTests {

	@Test
	void aPasswordOnStdinIsPrintedAsABcryptHashThatMatchesIt() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int code = PasswordHash.print(null, stdin("correct horse battery\n"), new PrintWriter(out),
				new PrintWriter(err));

		String hash = out.toString().strip();
		assertThat(code).isZero();
		assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain("horse");
		assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash.substring("{bcrypt}".length())))
			.isTrue();
	}

	@Test
	void aShortPasswordIsRefusedWithExitCode2() throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int code = PasswordHash.print(null, stdin("short\n"), new PrintWriter(out), new PrintWriter(err));

		assertThat(code).isEqualTo(2);
		assertThat(out.toString()).isEmpty();
		assertThat(err.toString()).contains("at least 10 characters").doesNotContain("short\n");
	}

	private static ByteArrayInputStream stdin(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
