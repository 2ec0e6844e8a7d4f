package io.videostore.ixon;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * The current TOTP code (RFC 6238: 30 s, 6 digits, SHA-1, as authenticator apps) for a
 * base32 secret.
 */
final class Totp {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Totp() {
	}

	/** The code at this instant. */
	static String code(String base32Secret, Instant now) {
		try {
			SecretKeySpec key = new SecretKeySpec(base32(base32Secret), "HmacSHA1");
			return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(key, now, Locale.ROOT);
		}
		catch (InvalidKeyException ex) {
			throw invalid();
		}
	}

	/** True when the secret decodes as base32. */
	static boolean valid(String base32Secret) {
		try {
			return base32(base32Secret).length > 0;
		}
		catch (IxonException ex) {
			return false;
		}
	}

	/**
	 * RFC 4648 base32, case-insensitive, ignoring spaces, dashes and padding as
	 * authenticator set-up pages show them. Hand-written: java-otp takes raw key bytes,
	 * and the JDK has no base32 (commons-codec would be 370 KB for these lines).
	 */
	static byte[] base32(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c == ' ' || c == '-' || c == '=') {
				continue;
			}
			int value = ALPHABET.indexOf(c);
			if (value < 0) {
				throw invalid();
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xFF);
				bits -= 8;
			}
		}
		if (out.size() == 0) {
			throw invalid();
		}
		return out.toByteArray();
	}

	private static IxonException invalid() {
		// Never quote the value: it is the 2FA secret.
		return new IxonException(IxonException.Kind.NOT_CONFIGURED,
				"IXON_api.otp_secret is not a base32 secret (letters A-Z and digits 2-7)");
	}

}
