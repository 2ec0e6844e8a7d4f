package io.videostore.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.util.UrlUtils;

/**
 * Redirects that never repeat a {@code Host} header nobody vouched for: a path on this
 * service, relative ({@code /login}), unless a trusted proxy relayed the request; then an
 * absolute URL with the scheme and host the proxy gave ({@code https://…/login}). Spring
 * Security's own strategy makes every redirect absolute from the request's {@code Host},
 * and its context-relative mode drops the leading slash of a root context.
 */
final class Redirects implements RedirectStrategy {

	@Override
	public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
		response.sendRedirect(target(request, url));
	}

	static String target(HttpServletRequest request, String url) {
		String path = pathOf(url);
		if (request.getAttribute(Callers.TRUSTED_PROXY) == null) {
			return path;
		}
		return UrlUtils.buildFullRequestUrl(request.getScheme(), request.getServerName(), request.getServerPort(), path,
				null);
	}

	/** The path and query of a URL, or of a path; {@code /} for anything else. */
	static String pathOf(String url) {
		try {
			URI uri = new URI(url);
			String path = uri.getRawPath();
			if (path == null || !path.startsWith("/") || path.startsWith("//")) {
				return "/";
			}
			return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		}
		catch (URISyntaxException ex) {
			return "/";
		}
	}

}
