package io.videostore.testcam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 spoken over a plain socket, for requests an HTTP client refuses to send (a bad
 * %-escape, characters a request target may not hold) and for connections that never
 * finish their request.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends the request text as is (CRLF line ends are the caller's) and reads the answer
	 * until the server closes the connection or 10 s pass.
	 */
	public static Answer exchange(String host, int port, String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new Answer(readAll(socket.getInputStream()));
		}
	}

	/** The request on loopback. */
	public static Answer exchange(int port, String request) throws IOException {
		return exchange("127.0.0.1", port, request);
	}

	/**
	 * A POST with a body, {@code Connection: close}, and the given extra header lines.
	 */
	public static String post(String target, String body, String... headers) {
		StringBuilder request = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return request.append("Content-Type: application/json\r\nContent-Length: ")
			.append(bytes.length)
			.append("\r\nConnection: close\r\n\r\n")
			.append(body)
			.toString();
	}

	/** A GET with {@code Connection: close} and the given extra header lines. */
	public static String get(String target, String... headers) {
		StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return request.append("Connection: close\r\n\r\n").toString();
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			// What arrived so far is the answer; the assertions say what was missing.
		}
		return out.toByteArray();
	}

	/**
	 * A raw answer: status line, headers and body as received, as text (UTF-8) and as the
	 * bytes themselves (a video or a JPEG does not survive the decoding).
	 */
	public record Answer(String text, byte[] bytes) {

		Answer(byte[] bytes) {
			this(new String(bytes, StandardCharsets.UTF_8), bytes);
		}

		/** The status code, or 0 when nothing came back. */
		public int status() {
			return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
		}

		public String body() {
			int end = text.indexOf("\r\n\r\n");
			return (end < 0) ? "" : text.substring(end + 4);
		}

		public String headers() {
			int end = text.indexOf("\r\n\r\n");
			return (end < 0) ? text : text.substring(0, end);
		}

	}

}
