package io.videostore.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Globals;

/**
 * Who sent a request, as far as the connection tells. Only a caller on this machine that
 * no proxy relayed, that names this machine in its {@code Host} header and that is not a
 * web page of another origin ({@link #thisMachine}) may be trusted without a secret.
 * <p>
 * A request is relayed when it carries any header that a reverse proxy, load balancer or
 * CDN adds ({@link #PROXY_HEADERS}), whatever its value: a proxy on this machine makes
 * every request look local, and a caller that adds such a header itself only loses trust.
 * Header names are compared in lower case with {@code _} read as {@code -}, since some
 * servers pass {@code X_Forwarded_For} on as {@code X-Forwarded-For}.
 */
final class Callers {

	/**
	 * The request attribute that Tomcat's {@code RemoteIpValve} sets when a trusted proxy
	 * ({@link WebServerEdge}) relayed the request: then its scheme, host and client
	 * address are the proxy's word.
	 */
	static final String TRUSTED_PROXY = Globals.REQUEST_FORWARDED_ATTRIBUTE;

	/** Headers that proxies add, by exact name (documented in operations.md). */
	static final Set<String> PROXY_HEADERS = Set.of("forwarded", "via", "x-forwarded", "forwarded-for",
			"forwarded-host", "forwarded-proto", "x-host", "x-real-ip", "x-client-ip", "client-ip", "true-client-ip",
			"x-true-client-ip", "cf-connecting-ip", "cf-connecting-ipv6", "cf-ray", "cf-visitor", "cdn-loop",
			"fastly-client-ip", "x-cluster-client-ip", "x-proxyuser-ip", "x-envoy-external-address", "x-azure-clientip",
			"x-azure-socketip", "akamai-origin-hop", "x-remote-ip", "x-remote-addr", "x-originating-ip",
			"proxy-client-ip", "wl-proxy-client-ip", "x-arr-clientip", "x-appengine-user-ip", "x-coming-from",
			"x-bluecoat-via", "x-amzn-trace-id", "x-proxy-id");

	/**
	 * Headers that proxies add, by prefix ({@code X-Forwarded-Host},
	 * {@code X-Original-URL}, {@code X-Envoy-…}).
	 */
	static final List<String> PROXY_HEADER_PREFIXES = List.of("x-forwarded-", "x-original-", "forwarded-", "x-envoy-");

	private Callers() {
	}

	/**
	 * True for a request this machine sent directly: from loopback, with no proxy header,
	 * naming a loopback host, and, if it changes something, not sent by a web page of
	 * another origin.
	 */
	static boolean thisMachine(HttpServletRequest request) {
		return request.getAttribute(TRUSTED_PROXY) == null && loopback(request.getRemoteAddr()) && !proxied(request)
				&& loopbackHost(hostOf(request)) && !crossOrigin(request);
	}

	/** True when any proxy header is present. */
	static boolean proxied(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			if (proxyHeader(name)) {
				return true;
			}
		}
		return false;
	}

	static boolean proxyHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
		if (PROXY_HEADERS.contains(lower)) {
			return true;
		}
		for (String prefix : PROXY_HEADER_PREFIXES) {
			if (lower.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** True for a loopback address (127.0.0.0/8, ::1). */
	static boolean loopback(String addr) {
		if (addr == null || !(addr.indexOf(':') >= 0 || addr.chars().allMatch((c) -> c == '.' || isDigit(c)))) {
			// Never a name lookup: an address the connection gave is always a literal.
			return false;
		}
		try {
			return InetAddress.getByName(addr).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * True for a host name that can only mean this machine: {@code localhost} and names
	 * under {@code .localhost} (RFC 6761), or a loopback address. Anything else, on a
	 * request from this machine, is a browser that a DNS rebinding led here.
	 */
	static boolean loopbackHost(String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		if (h.endsWith(".")) {
			h = h.substring(0, h.length() - 1);
		}
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.equals("localhost") || h.endsWith(".localhost") || loopback(h);
	}

	/**
	 * The host the request names: its {@code Host} header's, or, for an HTTP/1.0 request
	 * without one, the address it was sent to; an empty {@code Host} names none.
	 */
	private static String hostOf(HttpServletRequest request) {
		String header = request.getHeader("Host");
		return (header != null && header.isBlank()) ? null : request.getServerName();
	}

	/**
	 * True for a request that changes something and that a browser sent from a page of
	 * another origin: its {@code Origin} names another scheme, host or port, or its
	 * {@code Sec-Fetch-Site} says so. A page cannot leave these out.
	 */
	static boolean crossOrigin(HttpServletRequest request) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
			return false;
		}
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
			return true;
		}
		String origin = request.getHeader("Origin");
		return origin != null && !sameOrigin(origin, request);
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = new URI(origin);
			int port = (uri.getPort() != -1) ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			return request.getScheme().equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
					&& uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

}
