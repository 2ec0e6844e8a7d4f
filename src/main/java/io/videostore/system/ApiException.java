package io.videostore.system;

import java.util.Map;

/**
 * A failure that answers an HTTP request with a specific status and a problem+json body;
 * every feature's request errors extend it, and {@link ApiExceptionHandler} is the one
 * place that turns them into responses.
 */
public abstract class ApiException extends RuntimeException {

	private final int status;

	private final String title;

	private final Map<String, Object> properties;

	protected ApiException(int status, String title, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.title = title;
		this.properties = Map.copyOf(properties);
	}

	public int status() {
		return status;
	}

	public String title() {
		return title;
	}

	/** Extra problem members, e.g. the offending field. */
	public Map<String, Object> properties() {
		return properties;
	}

	/** Response headers to add, e.g. Retry-After. */
	public Map<String, String> headers() {
		return Map.of();
	}

}
