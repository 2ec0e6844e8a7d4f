package io.videostore.system;

import java.util.Locale;

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

	/**
	 * What was wrong with a rejected request, in words that name no part of it: this
	 * exception's own message, or, for Spring Security's firewall, whose messages repeat
	 * the offending header or parameter value (an {@code Authorization} header among
	 * them), a sentence for its kind of rejection.
	 */
	public static String describe(RequestRejectedException rejection) {
		if (rejection instanceof MalformedRequestException) {
			return rejection.getMessage();
		}
		String message = String.valueOf(rejection.getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("untrusted")) {
			return "the Host header names another host than this machine, which this service answers only "
					+ "(open it as http://localhost:<port>/, or set web.users and webhooks.secret)";
		}
		if (message.contains("http method")) {
			return "the HTTP method is not supported";
		}
		if (message.contains("header")) {
			return "a header name or value holds a character that is not allowed";
		}
		if (message.contains("parameter")) {
			return "a parameter name or value holds a character that is not allowed";
		}
		return "the URL holds an encoded or unsafe character (%2F, %25, %2E, %5C, ;, //, .. or a control "
				+ "character) or is not normalized";
	}

}
