package io.videostore.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent a request, as far as the connection tells: only a caller on this machine that
 * no proxy relayed ({@link #local}) may be trusted without a secret. Any of the usual
 * proxy headers counts as relayed, whatever its value: a proxy on this machine makes
 * every request look local, and a caller that adds such a header itself only loses trust.
 */
public final class Callers {

	/**
	 * Headers that reverse proxies, load balancers and CDNs add (besides any
	 * {@code X-Forwarded-*} and {@code X-Original-*}).
	 */
	static final Set<String> PROXY_HEADERS = Set.of("forwarded", "via", "x-real-ip", "x-client-ip", "client-ip",
			"true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "x-proxyuser-ip",
			"x-envoy-external-address", "x-azure-clientip", "x-azure-socketip", "akamai-origin-hop");

	private Callers() {
	}

	/** True for a request from loopback that carries no proxy header. */
	public static boolean local(HttpServletRequest request) {
		return loopback(request.getRemoteAddr()) && !proxied(request);
	}

	/** True when any proxy header is present. */
	public static boolean proxied(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (PROXY_HEADERS.contains(lower) || lower.startsWith("x-forwarded-") || lower.startsWith("x-original-")) {
				return true;
			}
		}
		return false;
	}

	/** True for a loopback address (127.0.0.0/8, ::1). */
	public static boolean loopback(String addr) {
		try {
			return addr != null && InetAddress.getByName(addr).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
