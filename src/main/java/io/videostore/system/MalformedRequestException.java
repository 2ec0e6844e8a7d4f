package io.videostore.system;

import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * A request refused for how it is written (a query that is not valid %-encoding, a token
 * that cannot be decoded): answered {@code 400} with this message, which says what is
 * wrong without repeating the request. A {@link RequestRejectedException}, so Spring
 * Security answers it wherever in the filter chain it is thrown, and
 * {@link ApiExceptionHandler} where a controller reads the request.
 */
public class MalformedRequestException extends RequestRejectedException {

	public MalformedRequestException(String detail) {
		super(detail);
	}

}
