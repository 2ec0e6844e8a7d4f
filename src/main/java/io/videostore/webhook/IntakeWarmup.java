package io.videostore.webhook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import io.videostore.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warms the webhook path before the service reports ready. After an IXON or network
 * outage alarms arrive in a burst, often right after a restart; a cold JVM interprets and
 * compiles while it answers, and the first seconds are slow. So, after the web server
 * starts and before readiness, {@code videostore.warmup.requests} alarms are posted to
 * {@code /webhook} over loopback (for at most {@code videostore.warmup.duration}; the
 * compilers count calls, not seconds): through Tomcat, the secret check, the parser, the
 * dedupe lookup and the index insert, exactly as a real one, except that each is marked
 * with a token only this process knows, and its index writes are rolled back. Nothing is
 * stored, queued, counted or logged.
 */
@Component
class IntakeWarmup implements ApplicationRunner {

	static final String HEADER = "X-Videostore-Warmup";

	private static final Logger log = LoggerFactory.getLogger(IntakeWarmup.class);

	private static final int CONNECTIONS = 8;

	private final byte[] token;

	private final String tokenText;

	private final AppConfig config;

	private final Environment environment;

	private final Duration duration;

	private final long requests;

	IntakeWarmup(AppConfig config, Environment environment,
			@Value("${videostore.warmup.duration:0s}") Duration duration,
			@Value("${videostore.warmup.requests:0}") long requests) {
		this.requests = requests;
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		this.tokenText = HexFormat.of().formatHex(random);
		this.token = this.tokenText.getBytes(StandardCharsets.US_ASCII);
		this.config = config;
		this.environment = environment;
		this.duration = duration;
	}

	/** True for a request this warm-up sent. */
	boolean isWarmup(String header) {
		return header != null && MessageDigest.isEqual(this.token, header.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		if (this.duration.isZero() || this.duration.isNegative() || this.requests <= 0 || port == null || port <= 0) {
			return;
		}
		long started = System.nanoTime();
		long deadline = started + this.duration.toNanos();
		AtomicLong sent = new AtomicLong();
		Thread[] threads = new Thread[CONNECTIONS];
		for (int i = 0; i < CONNECTIONS; i++) {
			int n = i;
			threads[i] = new Thread(() -> post(port, n, deadline, sent), "warmup-" + i);
			threads[i].setDaemon(true);
			threads[i].start();
		}
		for (Thread t : threads) {
			t.join(this.duration.toMillis() + 5_000);
		}
		log.info("Webhook path warmed up with {} rehearsed alarms in {} ms", sent.get(),
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Posts until the deadline, on a new connection whenever Tomcat closes one. */
	private void post(int port, int connection, long deadline, AtomicLong sent) {
		while (more(deadline, sent) && postOnOneConnection(port, connection, deadline, sent) > 0) {
			// Tomcat closes a connection after 100 requests.
		}
	}

	/** How many were answered on this connection. */
	private int postOnOneConnection(int port, int connection, long deadline, AtomicLong sent) {
		int answered = 0;
		String secret = this.config.webhooks().secret();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5_000);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			for (long i = 0; more(deadline, sent); i++) {
				String body = """
						{"companyId":"warmup","createdOn":"2000-01-01T00:00:00","systemLabel":"alarm-high",\
						"shortContent":"Warm-up %d-%d","extraInfo":{"Device ID":"warmup-%d","Device name":"Warm-up"}}"""
					.formatted(connection, i, i);
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				String head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + HEADER
						+ ": " + this.tokenText + "\r\n"
						+ ((secret != null && !secret.isEmpty()) ? "X-Webhook-Secret: " + secret + "\r\n" : "")
						+ "Content-Length: " + bytes.length + "\r\n\r\n";
				// One write: head and body in two would wait for a delayed ACK (Nagle).
				byte[] request = (head + body).getBytes(StandardCharsets.UTF_8);
				out.write(request);
				out.flush();
				if (!readResponse(in)) {
					return answered;
				}
				sent.incrementAndGet();
				answered++;
			}
		}
		catch (IOException ex) {
			log.debug("Warm-up connection ended: {}", ex.getMessage());
		}
		return answered;
	}

	private boolean more(long deadline, AtomicLong sent) {
		return sent.get() < this.requests && System.nanoTime() < deadline;
	}

	/** Reads one response (headers and a Content-Length body); false when it ended. */
	private static boolean readResponse(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int c;
		while ((c = in.read()) != -1) {
			head.append((char) c);
			if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
				break;
			}
		}
		if (c == -1) {
			return false;
		}
		int length = 0;
		for (String line : head.toString().split("\r\n")) {
			if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		return in.readNBytes(length).length == length && head.toString().startsWith("HTTP/1.1 2");
	}

}
