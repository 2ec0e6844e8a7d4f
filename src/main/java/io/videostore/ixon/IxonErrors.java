package io.videostore.ixon;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.videostore.ixon.IxonException.Kind;
import io.videostore.system.Redactor;
import tools.jackson.databind.JsonNode;

/**
 * Turns IXON's error bodies
 * ({@code {"data":[{"message","propertyName"}],"status":"error","type":"Error"}}) and
 * transport failures into {@link IxonException}s that say which call failed and what to
 * check.
 */
final class IxonErrors {

	private static final int MAX_ERRORS = 5;

	private final List<String> secrets;

	private final boolean serviceAccount;

	/**
	 * @param secrets values masked in every message (passwords, tokens, application id)
	 * @param serviceAccount true when the bearer is a configured service-account token
	 */
	IxonErrors(List<String> secrets, boolean serviceAccount) {
		this.secrets = List.copyOf(secrets);
		this.serviceAccount = serviceAccount;
	}

	IxonException answer(IxonRequest request, int status, JsonNode body) {
		JsonNode error = firstError(body);
		String message = text(error, "message");
		String property = text(error, "propertyName");
		Kind kind = kind(request, status, message, property);
		StringBuilder text = new StringBuilder(request.what()).append(" failed: IXON answered HTTP ").append(status);
		appendError(text, message, property);
		appendMoreErrors(text, body);
		text.append(hint(kind, message));
		return new IxonException(kind, clean(text.toString()), status, clean(message), property, null);
	}

	// A validation answer (POST /data) may list several problems; say the first few.
	private static void appendMoreErrors(StringBuilder text, JsonNode body) {
		JsonNode all = (body != null) ? body.get("data") : null;
		for (int i = 1; all != null && all.isArray() && i < Math.min(all.size(), MAX_ERRORS); i++) {
			String message = text(all.get(i), "message");
			String property = text(all.get(i), "propertyName");
			if (message != null || property != null) {
				text.append(';');
				appendError(text, message, property);
			}
		}
	}

	private static void appendError(StringBuilder text, String message, String property) {
		if (message != null) {
			text.append(" \"").append(message).append('"');
		}
		if (property != null) {
			// Not "property: …", which reads like a header line and gets masked by the
			// redactor.
			text.append(" (about ").append(property).append(')');
		}
	}

	IxonException transport(IxonRequest request, Exception ex, int attempts, Duration connectTimeout,
			Duration callTimeout) {
		Throwable cause = (ex.getCause() instanceof IOException) ? ex.getCause() : ex;
		String why;
		if (cause instanceof HttpConnectTimeoutException) {
			why = "no connection within " + seconds(connectTimeout);
		}
		else if (cause instanceof HttpTimeoutException) {
			why = "the IXON API did not answer within " + seconds(callTimeout);
		}
		else if (cause instanceof ConnectException) {
			why = "connection refused";
		}
		else if (cause instanceof UnknownHostException) {
			why = "unknown host " + cause.getMessage() + " (check IXON_api.base_url and DNS)";
		}
		else if (cause instanceof java.io.EOFException || (cause.getMessage() != null
				&& cause.getMessage().toLowerCase(Locale.ROOT).matches(".*(closed|reset|end of).*"))) {
			why = "the connection was closed or reset without an answer";
		}
		else {
			why = "the connection failed" + ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
		}
		return new IxonException(
				Kind.UNREACHABLE, clean(request.what() + " failed: " + why + " (" + attempts
						+ (attempts == 1 ? " attempt" : " attempts") + " to " + request.uri().getHost() + ")"),
				0, null, null, ex);
	}

	/** "10 s", "0.5 s". */
	private static String seconds(Duration d) {
		return (d.toMillis() % 1000 == 0) ? d.toSeconds() + " s"
				: String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
	}

	IxonException protocol(IxonRequest request, String problem) {
		return new IxonException(Kind.PROTOCOL, clean(request.what() + " failed: " + problem));
	}

	String clean(String text) {
		return Redactor.redact(text, secrets);
	}

	private Kind kind(IxonRequest request, int status, String message, String property) {
		String prop = (property != null) ? property.toLowerCase(Locale.ROOT) : "";
		if (request.login() && message != null && message.toLowerCase(Locale.ROOT).contains("one-time password")) {
			return Kind.ONE_TIME_PASSWORD;
		}
		if (request.login() && (status == 401 || status == 403)) {
			return Kind.LOGIN;
		}
		if (prop.equals("api-company")) {
			return Kind.COMPANY;
		}
		if (prop.equals("api-application")) {
			return Kind.APPLICATION;
		}
		if (prop.equals("api-version")) {
			return Kind.PROTOCOL;
		}
		if (status == 401 || prop.equals("authorization")) {
			return Kind.ACCESS_TOKEN;
		}
		return switch (status) {
			case 403 -> Kind.FORBIDDEN;
			case 404 -> Kind.NOT_FOUND;
			case 429 -> Kind.RATE_LIMITED;
			default -> (status >= 500) ? Kind.SERVER : Kind.REJECTED;
		};
	}

	private String hint(Kind kind, String message) {
		return switch (kind) {
			case LOGIN -> ": check IXON_api.email and IXON_api.password";
			case ONE_TIME_PASSWORD -> (message != null && message.toLowerCase(Locale.ROOT).contains("required"))
					? ": the account uses two-factor authentication, set IXON_api.otp_secret (the base32 secret of its "
							+ "authenticator app)"
					: ": the one-time password (2FA) was refused, check IXON_api.otp_secret and this machine's clock";
			case ACCESS_TOKEN -> serviceAccount ? ": check IXON_api.access_token (service-account token)"
					: ": the access token was refused even after a fresh login";
			case APPLICATION -> ": check IXON_api.api_key (the application id)";
			case COMPANY -> ": check the company id and that the IXON user belongs to that company";
			case NOT_FOUND -> ": check the configured ids (company_id, webaccess_service_id)";
			case FORBIDDEN -> ": the IXON user lacks the permission (role or access category) for this";
			case RATE_LIMITED -> ": IXON's rate limit was hit, try again later";
			case SERVER -> ": IXON had a problem, try again later";
			case PROTOCOL -> ": this client and IXON disagree on the API (Api-Version 2)";
			default -> "";
		};
	}

	private static JsonNode firstError(JsonNode body) {
		if (body == null) {
			return null;
		}
		JsonNode data = body.get("data");
		if (data != null && data.isArray()) {
			return data.isEmpty() ? null : data.get(0);
		}
		return (data != null && data.isObject()) ? data : body;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

}
