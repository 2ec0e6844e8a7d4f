package io.videostore.ixon;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.videostore.config.IxonApiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The bearer token for IXON calls: a configured service-account token, or one minted with
 * e-mail, password and (for 2FA accounts) a TOTP code, cached and reused across
 * recordings and minted again shortly before it expires or when IXON refuses it.
 */
final class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	private static final Duration MAX_MARGIN = Duration.ofMinutes(10);

	private final IxonApiConfig config;

	private final IxonClientOptions options;

	private final IxonHttp http;

	private final Discovery discovery;

	private final AtomicLong logins = new AtomicLong();

	private Token token;

	/** A minted token; its secret never appears in {@link #toString()}. */
	private record Token(String secret, Instant refreshAt) {

		@Override
		public String toString() {
			return "Token[refreshAt=" + refreshAt + "]";
		}

	}

	AccessTokens(IxonApiConfig config, IxonClientOptions options, IxonHttp http, Discovery discovery) {
		this.config = config;
		this.options = options;
		this.http = http;
		this.discovery = discovery;
	}

	boolean serviceAccount() {
		return !config.accessToken().isBlank();
	}

	/**
	 * The bearer to use now, logging in first when there is none or it is about to
	 * expire.
	 */
	synchronized String current() {
		if (serviceAccount()) {
			return config.accessToken().strip();
		}
		Clock clock = options.clock();
		if (token == null || !clock.instant().isBefore(token.refreshAt())) {
			token = mint(clock);
		}
		return token.secret();
	}

	/**
	 * Forgets the token if it is still this one (IXON refused it), so the next call logs
	 * in again.
	 */
	synchronized void invalidate(String secret) {
		if (token != null && token.secret().equals(secret)) {
			token = null;
		}
	}

	long logins() {
		return logins.get();
	}

	private Token mint(Clock clock) {
		if (config.email().isBlank() || config.password().isEmpty()) {
			throw new IxonException(IxonException.Kind.NOT_CONFIGURED, "IXON login needs IXON_api.email and "
					+ "IXON_api.password, or a service-account token in IXON_api.access_token");
		}
		Map<String, String> query = new LinkedHashMap<>();
		query.put("fields", "secretId,publicId,expiresOn");
		long lifetime = options.tokenLifetime().toSeconds();
		IxonRequest request = new IxonRequest("POST", discovery.uri("AccessTokenList", query), null,
				"{\"expiresIn\":" + lifetime + "}", "IXON login as " + config.email(), true);
		Instant asked = clock.instant();
		JsonNode data = http.send(request, basic(clock)).path("data");
		JsonNode secret = data.get("secretId");
		if (secret == null || !secret.isString() || secret.asString().isBlank()) {
			throw http.failure(new IxonException(IxonException.Kind.PROTOCOL,
					"IXON login as " + config.email() + " failed: the answer holds no data.secretId"));
		}
		logins.incrementAndGet();
		Instant expires = expiry(data.get("expiresOn"), asked, asked.plusSeconds(lifetime));
		Duration life = Duration.between(asked, expires);
		Duration margin = life.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(10) : MAX_MARGIN;
		log.info("Logged in to IXON as {} (token valid until {})", config.email(), expires);
		return new Token(secret.asString(), expires.minus(margin));
	}

	// email:otp:password; the OTP part stays empty for accounts without 2FA, which gives
	// email::password.
	private String basic(Clock clock) {
		String otp = config.otpSecret().isBlank() ? "" : Totp.code(config.otpSecret(), clock.instant());
		String pair = config.email() + ":" + otp + ":" + config.password();
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * When the token expires. Whether {@code /access-tokens} returns {@code expiresOn} is
	 * unconfirmed, so: an ISO date-time (with or without offset; without = UTC) or epoch
	 * seconds/milliseconds if present, else what we asked for; never later than asked
	 * (clock skew) and never already past.
	 */
	static Instant expiry(JsonNode expiresOn, Instant now, Instant asked) {
		Instant told = parse(expiresOn);
		if (told == null || !told.isAfter(now.plusSeconds(60))) {
			return asked;
		}
		return told.isBefore(asked) ? told : asked;
	}

	private static Instant parse(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			long n = value.asLong();
			return (n > 100_000_000_000L) ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
		}
		String text = value.asString();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex2) {
				return null;
			}
		}
	}

}
