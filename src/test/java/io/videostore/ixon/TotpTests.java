package io.videostore.ixon;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TOTP codes as authenticator apps compute them (RFC 6238 test vectors, truncated to 6
 * digits).
 */
class TotpTests {

	private static final String RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void codesMatchTheRfc6238TestVectors() {
		assertThat(Totp.code(RFC_KEY, Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(Totp.code(RFC_KEY, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
		assertThat(Totp.code(RFC_KEY, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
	}

	@Test
	void secretsAreReadAsAuthenticatorPagesShowThem() {
		assertThat(Totp.code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(Totp.base32("MZXW6===")).containsExactly('f', 'o', 'o');
		assertThat(Totp.valid("JBSWY3DPEHPK3PXP")).isTrue();
		assertThat(Totp.valid("not-base32!")).isFalse();
		assertThatExceptionOfType(IxonException.class).isThrownBy(() -> Totp.base32("   "));
	}

}
