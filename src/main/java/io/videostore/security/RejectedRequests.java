package io.videostore.security;

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
		log.debug("Refused a request from {}: {}", request.getRemoteAddr(),
				MalformedRequestException.describe(rejection));
		if (!response.isCommitted()) {
			response.reset();
			this.resolver.resolveException(request, response, null, rejection);
		}
	}

}
