package io.videostore.testcam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A browser's side of HTTPS, as far as tests need it: it connects from a chosen loopback
 * address (so that a proxy on this machine sees different clients), checks the server's
 * certificate and host name, keeps cookies, and never follows a redirect. One request per
 * connection, HTTP/1.1.
 */
public final class TlsClient {

	private final SSLContext tls;

	private final String from;

	private final String host;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/**
	 * @param tls whom to trust
	 * @param from the local address to connect from ({@code 127.0.0.2}: any of 127/8)
	 * @param host the host name to ask for (SNI, {@code Host}), which also names the
	 * address to connect to
	 */
	public TlsClient(SSLContext tls, String from, String host) {
		this.tls = tls;
		this.from = from;
		this.host = host;
	}

	/** A GET with these extra header lines ({@code "Accept: text/html"}). */
	public Response get(int port, String target, String... headers) throws IOException {
		return send(port, "GET", target, null, headers);
	}

	/** A form POST ({@code application/x-www-form-urlencoded}). */
	public Response postForm(int port, String target, String form, String... headers) throws IOException {
		List<String> all = new ArrayList<>(List.of(headers));
		all.add("Content-Type: application/x-www-form-urlencoded");
		return send(port, "POST", target, form, all.toArray(String[]::new));
	}

	/** The value of a cookie this client holds, if any. */
	public Optional<String> cookie(String name) {
		return Optional.ofNullable(this.cookies.get(name));
	}

	/** Sends one request on a new connection and reads the answer to its end. */
	public Response send(int port, String method, String target, String body, String... headers) throws IOException {
		try (SSLSocket socket = (SSLSocket) this.tls.getSocketFactory().createSocket()) {
			socket.bind(new InetSocketAddress(this.from, 0));
			socket.connect(new InetSocketAddress(this.host, port), 5000);
			socket.setSoTimeout(15_000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setServerNames(List.of(new SNIHostName(this.host)));
			socket.setSSLParameters(parameters);
			socket.getOutputStream().write(request(port, method, target, body, headers));
			socket.getOutputStream().flush();
			Response response = Response.parse(readAll(socket.getInputStream()));
			remember(response.all("Set-Cookie"));
			return response;
		}
	}

	private byte[] request(int port, String method, String target, String body, String... headers) {
		StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
		request.append("Host: ").append(this.host).append(':').append(port).append("\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		if (!this.cookies.isEmpty()) {
			request.append("Cookie: ");
			this.cookies.forEach((name, value) -> request.append(name).append('=').append(value).append("; "));
			request.setLength(request.length() - 2);
			request.append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + content.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(content, 0, all, head.length, content.length);
		return all;
	}

	private void remember(List<String> setCookies) {
		for (String setCookie : setCookies) {
			String pair = setCookie.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).strip();
			String value = pair.substring(eq + 1).strip();
			boolean expired = setCookie.toLowerCase(Locale.ROOT).contains("max-age=0") || value.isEmpty();
			if (expired) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	/**
	 * An answer: status, header lines in order ({@code name}, {@code value}), and body
	 * (chunks joined).
	 */
	public record Response(int status, List<Map.Entry<String, String>> headers, String body) {

		static Response parse(byte[] answer) {
			// The head is ASCII; reading it as ISO-8859-1 keeps one char per byte.
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new IllegalStateException("no complete answer: " + text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.add(Map.entry(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
			}
			boolean chunked = headers.stream()
				.anyMatch((h) -> h.getKey().equalsIgnoreCase("Transfer-Encoding")
						&& h.getValue().equalsIgnoreCase("chunked"));
			String body = chunked ? unchunk(answer, end + 4)
					: new String(answer, end + 4, answer.length - end - 4, StandardCharsets.UTF_8);
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

		/** The first value of a header, if present. */
		public Optional<String> header(String name) {
			return all(name).stream().findFirst();
		}

		/** Every value of a header ({@code Set-Cookie}). */
		public List<String> all(String name) {
			return this.headers.stream()
				.filter((h) -> h.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.toList();
		}

		/** The {@code Set-Cookie} line that sets this cookie, if any. */
		public Optional<String> setCookie(String name) {
			return all("Set-Cookie").stream().filter((c) -> c.startsWith(name + "=")).findFirst();
		}

		private static String unchunk(byte[] answer, int start) {
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int at = start;
			while (at < answer.length) {
				int lineEnd = text.indexOf("\r\n", at);
				int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
				if (size == 0) {
					break;
				}
				out.write(answer, lineEnd + 2, size);
				at = lineEnd + 2 + size + 2;
			}
			return out.toString(StandardCharsets.UTF_8);
		}

	}

}
