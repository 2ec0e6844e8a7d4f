package io.videostore.testcam;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * Checks Basic or Digest (RFC 7616 MD5 with qop=auth, or the older RFC 2069 form)
 * credentials like an IP camera.
 */
final class CredentialCheck {

	static final String REALM = "testcam";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final TestCamera.Options options;

	private final String opaque = randomHex();

	// Nonces never expire: recorders reuse them across reconnects, and a test camera
	// lives only seconds.
	private final Set<String> nonces = ConcurrentHashMap.newKeySet();

	CredentialCheck(TestCamera.Options options) {
		this.options = options;
	}

	boolean accepts(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		return switch (this.options.auth()) {
			case NONE -> true;
			case BASIC -> header != null && basic(header);
			case DIGEST -> header != null && digest(header, exchange.getRequestMethod(), exchange.getRequestURI());
		};
	}

	/**
	 * The {@code WWW-Authenticate} value for a 401; each Digest challenge carries a fresh
	 * nonce.
	 */
	String challenge() {
		if (this.options.auth() == TestCamera.Auth.BASIC) {
			return "Basic realm=\"" + REALM + "\"";
		}
		String nonce = randomHex();
		this.nonces.add(nonce);
		return "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\", opaque=\""
				+ this.opaque + "\"";
	}

	private boolean basic(String header) {
		if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		try {
			String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			return pair.equals(this.options.username() + ":" + this.options.password());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private boolean digest(String header, String method, URI requestUri) {
		if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
			return false;
		}
		Map<String, String> p = params(header.substring(7));
		String uri = p.getOrDefault("uri", "");
		String algorithm = p.getOrDefault("algorithm", "MD5");
		String qop = p.get("qop");
		boolean valid = this.options.username().equals(p.get("username")) && REALM.equals(p.get("realm"))
				&& this.nonces.contains(p.getOrDefault("nonce", "")) && algorithm.equalsIgnoreCase("MD5")
				&& (!p.containsKey("opaque") || this.opaque.equals(p.get("opaque"))) && samePath(uri, requestUri)
				&& (qop == null || qop.equals("auth"));
		if (!valid) {
			return false;
		}
		String ha1 = md5(this.options.username() + ":" + REALM + ":" + this.options.password());
		String ha2 = md5(method + ":" + uri);
		String expected = (qop == null) ? md5(ha1 + ":" + p.get("nonce") + ":" + ha2)
				: md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
		String response = p.getOrDefault("response", "").toLowerCase(Locale.ROOT);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				response.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Some clients put an absolute URI in {@code uri=}; what matters is that it names the
	 * requested resource.
	 */
	private static boolean samePath(String digestUri, URI requestUri) {
		try {
			URI parsed = URI.create(digestUri);
			return requestUri.getRawPath().equals(parsed.getRawPath())
					&& String.valueOf(requestUri.getRawQuery()).equals(String.valueOf(parsed.getRawQuery()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Parses {@code key=value, key="quoted \"value\""} lists; keys are lower-cased. */
	static Map<String, String> params(String s) {
		Map<String, String> result = new HashMap<>();
		int i = 0;
		while (i < s.length()) {
			int eq = s.indexOf('=', i);
			if (eq < 0) {
				break;
			}
			String key = s.substring(i, eq).replace(",", "").trim().toLowerCase(Locale.ROOT);
			StringBuilder value = new StringBuilder();
			i = eq + 1;
			while (i < s.length() && s.charAt(i) == ' ') {
				i++;
			}
			if (i < s.length() && s.charAt(i) == '"') {
				for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
					if (s.charAt(i) == '\\' && i + 1 < s.length()) {
						i++;
					}
					value.append(s.charAt(i));
				}
				i++;
			}
			else {
				for (; i < s.length() && s.charAt(i) != ','; i++) {
					value.append(s.charAt(i));
				}
			}
			result.put(key, value.toString().trim());
			i = Math.max(i, s.indexOf(',', i) < 0 ? s.length() : s.indexOf(',', i) + 1);
		}
		return result;
	}

	static String md5(String s) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is mandatory in every JRE", ex);
		}
	}

	private static String randomHex() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
