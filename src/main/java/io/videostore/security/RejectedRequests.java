package io.videostore.security;

import java.util.Locale;
import java.util.Map;

import io.videostore.system.ApiException;
import io.videostore.system.MalformedRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * What a request the {@link Firewall} refused gets: {@code 400} problem+json saying what
 * kind of thing was wrong (never echoing the request), through the one exception handler,
 * and one DEBUG line: a client's malformed requests never fill the log.
 */
class RejectedRequests implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

	private final HandlerExceptionResolver resolver;

	RejectedRequests(HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection) {
		log.debug("Refused a request from {}: {}", request.getRemoteAddr(), rejection.getMessage());
		if (!response.isCommitted()) {
			response.reset();
			this.resolver.resolveException(request, response, null, new Rejected(detail(rejection)));
		}
	}

	/** What was wrong, in words that name no part of the request. */
	static String detail(RequestRejectedException rejection) {
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

	/** 400 for a request the firewall refused. */
	static final class Rejected extends ApiException {

		Rejected(String detail) {
			super(400, "Bad Request", detail, Map.of());
		}

	}

}
