package io.videostore.ixon;

/**
 * An IXON API call failed. The message names the call and what to fix; it never carries a
 * credential. Status, IXON's own message and the property IXON complained about are kept
 * for callers and metrics.
 */
public class IxonException extends RuntimeException {

	/** What went wrong, so callers can react without parsing messages. */
	public enum Kind {

		/** E-mail/password refused. */
		LOGIN,
		/** The account needs a one-time password, or the one sent was wrong. */
		ONE_TIME_PASSWORD,
		/** The bearer token (minted or service-account) was refused. */
		ACCESS_TOKEN,
		/** The application id ({@code Api-Application}) was refused. */
		APPLICATION,
		/** The company ({@code Api-Company}) was refused. */
		COMPANY,
		/**
		 * The addressed resource (agent, service) does not exist or is not visible to
		 * this user.
		 */
		NOT_FOUND,
		/** The user may not do this (role, access category, access request). */
		FORBIDDEN,
		/** IXON rejected the request for another reason. */
		REJECTED,
		/** Too many requests. */
		RATE_LIMITED,
		/** IXON answered 5xx. */
		SERVER,
		/** No answer: connection refused, unknown host, timeout. */
		UNREACHABLE,
		/**
		 * The answer was not what the API promises (missing discovery link, field or
		 * JSON).
		 */
		PROTOCOL,
		/** The IXON settings are incomplete or invalid. */
		NOT_CONFIGURED

	}

	private final Kind kind;

	private final int status;

	private final String ixonMessage;

	private final String propertyName;

	public IxonException(Kind kind, String message) {
		this(kind, message, 0, null, null, null);
	}

	IxonException(Kind kind, String message, int status, String ixonMessage, String propertyName, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.status = status;
		this.ixonMessage = ixonMessage;
		this.propertyName = propertyName;
	}

	/** The same failure with another message. */
	IxonException withMessage(String message) {
		IxonException copy = new IxonException(this.kind, message, this.status, this.ixonMessage, this.propertyName,
				getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

	public Kind kind() {
		return kind;
	}

	/** The HTTP status, or 0 when there was no answer. */
	public int status() {
		return status;
	}

	/** IXON's {@code data[0].message}, or null. */
	public String ixonMessage() {
		return ixonMessage;
	}

	/** IXON's {@code data[0].propertyName}, or null. */
	public String propertyName() {
		return propertyName;
	}

}
