package io.videostore.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import io.videostore.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/**
 * Reads a webhook's body whole, bounded in size and in time. The time bound is ours:
 * Tomcat's read timeout restarts with every byte, so a sender trickling its body would
 * hold a worker thread for as long as it liked.
 */
final class BodyReader {

	/**
	 * Cloud Notify messages are a few hundred bytes; this leaves room for many machine
	 * variables.
	 */
	static final int MAX_BYTES = 64 * 1024;

	private final Duration timeout;

	BodyReader(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * The body, or a 413 past {@link #MAX_BYTES}, or a 408 when it has not arrived within
	 * the timeout. A body that stops arriving altogether is ended sooner or later by
	 * Tomcat's read timeout ({@code server.tomcat.connection-timeout}), also a 408.
	 */
	byte[] read(HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BYTES) {
			throw new TooLarge();
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try (InputStream in = request.getInputStream()) {
			// read(byte[]) returns whatever has arrived, so the deadline is checked as
			// each piece comes in.
			for (int n; (n = in.read(chunk)) >= 0;) {
				body.write(chunk, 0, n);
				if (body.size() > MAX_BYTES) {
					throw new TooLarge();
				}
				if (System.nanoTime() - deadline > 0) {
					throw new TooSlow(timeout);
				}
			}
		}
		catch (IOException ex) {
			throw new TooSlow(timeout);
		}
		return body.toByteArray();
	}

	/** 413 for bodies over {@link #MAX_BYTES}. */
	static class TooLarge extends ApiException {

		TooLarge() {
			super(HttpStatus.CONTENT_TOO_LARGE.value(), "Body too large",
					"the body is larger than " + MAX_BYTES + " bytes; a Cloud Notify message is far smaller", Map.of());
		}

	}

	/**
	 * 408 for a body that did not arrive in time, or stopped arriving; Tomcat closes the
	 * connection after it.
	 */
	static class TooSlow extends ApiException {

		TooSlow(Duration timeout) {
			super(HttpStatus.REQUEST_TIMEOUT.value(), "Body too slow",
					"the body did not arrive completely within " + timeout.toMillis() + " ms", Map.of());
		}

	}

}
