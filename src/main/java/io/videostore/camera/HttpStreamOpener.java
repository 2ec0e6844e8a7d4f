package io.videostore.camera;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLException;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.system.Redactor;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.DigestSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Opens HTTP camera streams with the camera's own none/basic/digest authentication
 * (Apache HttpClient 5: the JDK client has no Digest), and turns every refusal into a
 * {@link CameraException} that says what failed.
 */
final class HttpStreamOpener implements AutoCloseable {

	private final CloseableHttpClient client;

	private final Duration connectTimeout;

	HttpStreamOpener(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(256)
				.setMaxConnPerRoute(64)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
				.build())
			.disableAutomaticRetries()
			.setUserAgent("video-store-service")
			.build();
	}

	/**
	 * Opens a stream and checks the answer.
	 * @param uri the stream URL, without credentials
	 * @param auth the camera's authentication
	 * @param stallTimeout longest silence before the stream counts as stalled
	 * @param cookies cookies to send and keep (IXON web access session), or null
	 */
	CameraFeed open(URI uri, CameraAuth auth, Duration stallTimeout, CookieStore cookies) {
		HttpGet get = new HttpGet(uri);
		get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(stallTimeout)).build());
		HttpClientContext context = HttpClientContext.create();
		if (cookies != null) {
			context.setCookieStore(cookies);
		}
		applyAuth(get, context, uri, auth);
		String where = Redactor.redact(uri.toString());
		ClassicHttpResponse response;
		try {
			response = client.executeOpen(null, get, context);
		}
		catch (IOException ex) {
			get.cancel();
			throw unreachable(where, ex, this.connectTimeout, stallTimeout);
		}
		try {
			check(response, where, auth);
			return new HttpCameraFeed(get, response, where, secrets(auth), stallTimeout);
		}
		catch (IOException ex) {
			get.cancel();
			throw unreachable(where, ex, this.connectTimeout, stallTimeout);
		}
		catch (RuntimeException ex) {
			get.cancel();
			throw ex;
		}
	}

	private void applyAuth(HttpGet get, HttpClientContext context, URI uri, CameraAuth auth) {
		if (auth.type() == AuthType.BASIC) {
			// Preemptive, like the original service: some cameras never send a Basic
			// challenge.
			String token = Base64.getEncoder()
				.encodeToString((auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
			get.addHeader("Authorization", "Basic " + token);
		}
		else if (auth.type() == AuthType.DIGEST) {
			BasicCredentialsProvider credentials = new BasicCredentialsProvider();
			credentials.setCredentials(new AuthScope(null, -1),
					new UsernamePasswordCredentials(auth.username(), auth.password().toCharArray()));
			context.setCredentialsProvider(credentials);
			// Digest only: a password configured for Digest must never be sent in clear
			// as Basic.
			context.setAuthSchemeRegistry(RegistryBuilder.<AuthSchemeFactory>create()
				.register(StandardAuthScheme.DIGEST, DigestSchemeFactory.INSTANCE)
				.build());
		}
	}

	private void check(ClassicHttpResponse response, String where, CameraAuth auth) throws IOException {
		int status = response.getCode();
		if (status >= 200 && status < 300) {
			return;
		}
		response.close();
		Header challenge = response.getFirstHeader("WWW-Authenticate");
		String scheme = (challenge != null) ? challenge.getValue().split(" ", 2)[0] : "";
		switch (status) {
			case 401 ->
				throw new CameraException(CameraException.Reason.AUTH_REFUSED, authMessage(where, auth, scheme));
			case 403 -> throw new CameraException(CameraException.Reason.AUTH_REFUSED,
					"camera at " + where + " refused access (HTTP 403 Forbidden)");
			case 404 -> throw new CameraException(CameraException.Reason.NOT_FOUND,
					"camera stream " + where + " not found (HTTP 404): check the stream path");
			default -> throw new CameraException(CameraException.Reason.BAD_RESPONSE,
					"camera at " + where + " answered HTTP " + status + " " + response.getReasonPhrase());
		}
	}

	private static String authMessage(String where, CameraAuth auth, String scheme) {
		if (auth.type() == AuthType.NONE) {
			return "camera at " + where + " requires authentication (HTTP 401, " + scheme
					+ "): set auth.type, auth.username and auth.password";
		}
		String hint = (!scheme.isEmpty() && !scheme.equalsIgnoreCase(auth.type().name()))
				? "; the camera asks for " + scheme + ", set auth.type: " + scheme.toLowerCase() : "";
		return "camera at " + where + " refused the credentials of user '" + auth.username() + "' (HTTP 401)" + hint;
	}

	/**
	 * Why opening failed: a camera that could not be reached (refused, unknown, no answer
	 * to the connection) is told apart from one that accepted the connection and then
	 * closed it, reset it or sent nothing.
	 */
	static CameraException unreachable(String where, IOException ex, Duration connectTimeout, Duration stallTimeout) {
		return new CameraException(CameraException.Reason.UNREACHABLE,
				unreachable("camera", where, ex, connectTimeout, stallTimeout, "video.stall_timeout"), ex);
	}

	/**
	 * Why {@code what} at {@code where} could not be opened, in words.
	 * @param answerTimeout how long an answer was waited for once connected
	 * @param answerTimeoutKey the configuration key of that wait, or null when it has
	 * none
	 */
	static String unreachable(String what, String where, IOException ex, Duration connectTimeout,
			Duration answerTimeout, String answerTimeoutKey) {
		if (ex instanceof ConnectException || ex instanceof NoRouteToHostException) {
			return cannotReach(what, where, "connection refused or no route");
		}
		if (ex instanceof UnknownHostException) {
			return cannotReach(what, where, "unknown host");
		}
		if (ex instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
			return cannotReach(what, where, "no answer to the connection within " + connectTimeout.toSeconds() + " s");
		}
		String why;
		if (ex instanceof SocketTimeoutException) {
			why = "sent no answer within " + answerTimeout.toSeconds() + " s"
					+ ((answerTimeoutKey != null) ? " (" + answerTimeoutKey + ")" : "");
		}
		else if (ex instanceof SSLException) {
			why = "the TLS handshake failed"
					+ ((ex.getMessage() != null) ? " (" + Redactor.redact(ex.getMessage()) + ")" : "");
		}
		else {
			why = HttpCameraFeed.closed(ex, "it") + " without an answer";
		}
		return what + " at " + where + " accepted the connection but " + why;
	}

	private static String cannotReach(String what, String where, String why) {
		return "cannot reach " + what + " at " + where + ": " + why;
	}

	private static List<String> secrets(CameraAuth auth) {
		List<String> s = new ArrayList<>();
		if (auth.password() != null && !auth.password().isEmpty()) {
			s.add(auth.password());
		}
		return s;
	}

	@Override
	public void close() {
		try {
			client.close();
		}
		catch (IOException ex) {
			// Shutting down anyway.
		}
	}

}
