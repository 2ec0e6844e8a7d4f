package io.videostore.camera;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import io.videostore.camera.CameraException.Reason;
import io.videostore.config.CameraConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;
import io.videostore.ixon.WebAccessUrl;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a camera through IXON web access: a fresh one-off URL per recording, the cookie
 * handshake on it, then the camera's stream path in that proxy session with the camera's
 * own authentication. The one-off URL and the session cookie never reach a log, an
 * exception message or ffmpeg.
 */
final class IxonWebAccess implements WebAccess {

	private static final Logger log = LoggerFactory.getLogger(IxonWebAccess.class);

	private final IxonClient client;

	private final Duration timeout;

	IxonWebAccess(IxonClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	/** Used when cameras need IXON but {@code IXON_api} lacks credentials. */
	static WebAccess notConfigured() {
		return (camera, opener) -> {
			throw new CameraException(Reason.NOT_CONFIGURED,
					"camera '" + camera.id() + "' uses IXON web access, "
							+ "but IXON_api has no credentials: set api_key and email/password or access_token "
							+ "(or run --configure)");
		};
	}

	@Override
	public CameraFeed open(CameraConfig camera, StreamOpener opener) {
		String prefix = "camera '" + camera.id() + "' through IXON web access: ";
		WebAccessUrl url;
		try {
			url = client.webAccess(camera.companyId(), camera.webaccessServiceId(), camera.webaccessAccessType());
		}
		catch (IxonException ex) {
			throw new CameraException(reason(ex.kind()), prefix + ex.getMessage());
		}
		URI stream = streamUri(url.uri(), camera.streamPath(), prefix);
		CookieStore cookies = new BasicCookieStore();
		handshake(url.uri(), cookies, prefix);
		log.debug("Camera '{}': IXON web-access session open on {}", camera.id(), origin(url.uri()));
		try {
			return opener.open(stream, cookies);
		}
		catch (CameraException ex) {
			throw new CameraException(ex.reason(), prefix + ex.getMessage(), ex.getCause());
		}
	}

	/**
	 * {@code base + stream_path} with exactly one slash between: the base is the URL up
	 * to {@code ?auth} (so {@code …/?auth=} and {@code …?auth=} both work), or up to any
	 * query when IXON's URL has no auth parameter.
	 */
	static URI streamUri(URI webAccess, String streamPath, String prefix) {
		String url = webAccess.toString();
		int cut = url.indexOf("?auth");
		if (cut < 0) {
			cut = url.indexOf('?');
		}
		if (cut < 0) {
			cut = url.indexOf('#');
		}
		String base = (cut >= 0) ? url.substring(0, cut) : url;
		String path = (streamPath == null) ? "" : streamPath.strip();
		try {
			return URI.create(base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new CameraException(Reason.NOT_CONFIGURED, prefix + "stream_path '" + path
					+ "' is not a valid URL path (spaces and special characters must be %-encoded)");
		}
	}

	/**
	 * First GET on the one-off URL, without following redirects: the proxy answers with
	 * its session cookie.
	 */
	private void handshake(URI url, CookieStore cookies, String prefix) {
		Timeout t = Timeout.of(timeout);
		try (CloseableHttpClient http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
			.setDefaultCookieStore(cookies)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.setUserAgent("video-store-service")
			.build()) {
			HttpGet get = new HttpGet(url);
			// Only the status and cookies matter; the landing page may be large or
			// endless, so it is not read.
			try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
				int status = response.getCode();
				get.cancel();
				checkHandshake(status, url, prefix);
			}
		}
		catch (IOException ex) {
			throw new CameraException(Reason.UNREACHABLE, prefix + HttpStreamOpener.unreachable("the web-access proxy",
					origin(url), ex, this.timeout, this.timeout, null));
		}
		if (cookies.getCookies().isEmpty()) {
			log.debug("IXON web-access proxy {} set no cookie; trying the stream anyway", origin(url));
		}
		if ("http".equalsIgnoreCase(url.getScheme()) && !loopback(url)) {
			log.warn("IXON web access uses plain http ({}): camera credentials cross the internet unencrypted",
					origin(url));
		}
	}

	private static void checkHandshake(int status, URI url, String prefix) {
		if (status >= 200 && status < 400) {
			return;
		}
		Reason reason = (status == 401 || status == 403) ? Reason.AUTH_REFUSED : Reason.BAD_RESPONSE;
		throw new CameraException(reason, prefix + "the web-access proxy at " + origin(url)
				+ " refused the one-off URL (HTTP " + status + "); the URL may have expired or been used already");
	}

	private static Reason reason(IxonException.Kind kind) {
		return switch (kind) {
			case LOGIN, ONE_TIME_PASSWORD, ACCESS_TOKEN, FORBIDDEN -> Reason.AUTH_REFUSED;
			case RATE_LIMITED, SERVER, UNREACHABLE -> Reason.UNREACHABLE;
			case PROTOCOL -> Reason.BAD_RESPONSE;
			default -> Reason.NOT_CONFIGURED;
		};
	}

	/**
	 * Scheme, host and port only: the rest of a web-access URL may carry its credential.
	 */
	static String origin(URI url) {
		return url.getScheme() + "://" + url.getRawAuthority();
	}

	private static boolean loopback(URI url) {
		try {
			return InetAddress.getByName(url.getHost()).isLoopbackAddress();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
