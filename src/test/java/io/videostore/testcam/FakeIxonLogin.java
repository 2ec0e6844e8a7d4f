package io.videostore.testcam;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /access-tokens} of {@link FakeIxon}: Basic {@code email:otp:password},
 * IXON's 2FA messages, and a token valid for the {@code expiresIn} asked.
 */
final class FakeIxonLogin {

	// RFC 6238's test key; FakeIxon.OTP_SECRET is its base32 form.
	private static final byte[] OTP_KEY = "12345678901234567890".getBytes();

	private final FakeIxon ixon;

	FakeIxonLogin(FakeIxon ixon) {
		this.ixon = ixon;
	}

	ResponseDefinitionBuilder login(Request request, Map<String, String> query) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith("Basic ")) {
			return FakeIxonApi.error(401, "Required header", "Authorization");
		}
		String[] parts = FakeIxonApi.basicDecode(header).split(":", 3);
		if (parts.length < 3 || !parts[0].equals(FakeIxon.EMAIL) || !parts[2].equals(FakeIxon.PASSWORD)) {
			return FakeIxonApi.error(401, "Invalid email address or password", "Authorization");
		}
		if (this.ixon.otpRequired && parts[1].isEmpty()) {
			return FakeIxonApi.error(401, "One-Time Password required", "Authorization");
		}
		if (this.ixon.otpRequired && !otpValid(parts[1])) {
			return FakeIxonApi.error(401, "One-Time Password failed", "Authorization");
		}
		JsonNode body = JsonMapper.builder().build().readTree(request.getBodyAsString());
		if (!body.path("expiresIn").isNumber()) {
			return FakeIxonApi.error(400, "Required field", "expiresIn");
		}
		Instant expires = Instant.now().plusSeconds(body.path("expiresIn").asLong());
		String secret = FakeIxonApi.newSecret();
		this.ixon.tokens.put(secret, expires.toEpochMilli());
		this.ixon.logins.incrementAndGet();
		List<String> fields = List.of(query.getOrDefault("fields", "publicId").split(","));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("publicId", "tok" + secret.substring(0, 9));
		if (fields.contains("secretId")) {
			data.put("secretId", secret);
		}
		if (fields.contains("expiresOn") && this.ixon.expiresOnReturned) {
			data.put("expiresOn", expires.toString());
		}
		return FakeIxonApi.json(this.ixon.tokenStatus, FakeIxonApi.envelope("AccessToken", data, null));
	}

	private static boolean otpValid(String code) {
		TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
		SecretKeySpec key = new SecretKeySpec(OTP_KEY, "HmacSHA1");
		Instant now = Instant.now();
		try {
			for (int step = -1; step <= 1; step++) {
				if (totp.generateOneTimePasswordString(key, now.plus(Duration.ofSeconds(30L * step))).equals(code)) {
					return true;
				}
			}
			return false;
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
