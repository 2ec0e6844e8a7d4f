package io.videostore.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.function.Supplier;

import io.videostore.system.ApiException;
import io.videostore.system.Callers;

/**
 * Checks the webhook's shared secret ({@code webhooks.secret}), sent as the
 * {@code X-Webhook-Secret} header, as {@code Authorization: Bearer …}, or — because IXON
 * can only be given a URL — as the {@code token} query parameter. Compared in constant
 * time. With no secret configured, only requests from this machine are accepted, so a
 * fresh install is not an open recording trigger.
 */
class WebhookSecret {

	private final byte[] expectedDigest;

	WebhookSecret(String secret) {
		this.expectedDigest = (secret == null || secret.isEmpty()) ? null : sha256(secret);
	}

	boolean configured() {
		return expectedDigest != null;
	}

	/**
	 * Throws 401 unless the request carries the secret (or, without one configured, comes
	 * from loopback and was not relayed by a reverse proxy on this machine).
	 */
	void check(String header, String bearer, Supplier<String> token, String remoteAddr, boolean proxied) {
		if (expectedDigest == null) {
			if (!Callers.loopback(remoteAddr) || proxied) {
				throw new Unauthorized("webhooks.secret is not set, so only requests from this machine are accepted "
						+ "(not relayed by a proxy)");
			}
			return;
		}
		String given = (header != null) ? header : (bearer != null) ? bearer : token.get();
		// Digests have equal length, so the comparison time does not depend on the
		// secret's length either.
		if (given == null || !MessageDigest.isEqual(expectedDigest, sha256(given))) {
			throw new Unauthorized(
					"missing or wrong webhook secret (X-Webhook-Secret header, Authorization: Bearer, or token parameter)");
		}
	}

	private static byte[] sha256(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** 401 before anything about the service or the body is revealed. */
	static class Unauthorized extends ApiException {

		Unauthorized(String detail) {
			super(401, "Unauthorized", detail, Map.of());
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("WWW-Authenticate", "Bearer realm=\"video-store webhook\"");
		}

	}

}
