package io.videostore.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.RawHttp;
import io.videostore.testcam.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send their request a byte at a time (slowloris), through the real web
 * server on loopback, with its limits lowered through the same properties an operator
 * would use: 50 connections, 2 s to send a request's head, 2 s to send a webhook's body.
 * Real senders keep getting answers, the slow connections are closed, and none of it
 * writes a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowClientIntegrationTests {

	static final int MAX_CONNECTIONS = 50;

	static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

	static final Map<String, String> LIMITS = Map.of("server.tomcat.max-connections", String.valueOf(MAX_CONNECTIONS),
			"videostore.http.header-timeout", HEADER_TIMEOUT.toMillis() + "ms", "videostore.webhook.body-timeout",
			"2s");

	@TempDir
	static Path videos;

	static WebhookRig rig;

	@BeforeAll
	static void start() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		LIMITS.forEach(System::setProperty);
		try {
			rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1));
		}
		finally {
			LIMITS.keySet().forEach(System::clearProperty);
		}
	}

	@AfterAll
	static void stop() {
		rig.close();
	}

	@Test
	void aWebhookIsAnsweredWhileMoreSlowClientsThanConnectionSlotsTrickleTheirHeaders(CapturedOutput output)
			throws Exception {
		int before = output.getAll().length();
		try (Tricklers tricklers = Tricklers.open(rig.port, MAX_CONNECTIONS + 30)) {
			long start = System.nanoTime();
			Answer answer = RawHttp.exchange(rig.port,
					RawHttp.post("/webhook", notAnAlarm(), "X-Webhook-Secret: " + WebhookRig.SECRET));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(answer.status()).as("answer to a real sender").isEqualTo(200);
			assertThat(took).as("time to answer").isLessThan(HEADER_TIMEOUT.multipliedBy(3));
			await("every trickling connection closed by the server").atMost(Duration.ofSeconds(12))
				.pollInterval(Duration.ofMillis(200))
				.until(tricklers::allClosed);
			assertThat(tricklers.shortestLife()).as("shortest life of a trickling connection")
				.isGreaterThan(HEADER_TIMEOUT.minusMillis(500));
		}
		assertThat(lines(output, before))
			.noneMatch((line) -> line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("\tat "));
	}

	@Test
	void aKeepAliveClientIdleLongerThanTheHeaderDeadlineKeepsItsConnection() throws Exception {
		try (Socket socket = connect()) {
			String request = "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");

			// An idle client (a scrape every few seconds), not a condition to wait for.
			Thread.sleep(HEADER_TIMEOUT.plusSeconds(1).toMillis());

			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void aRequestHeadSentInPiecesWithinTheDeadlineIsAnswered() throws Exception {
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /actuator/health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
			Thread.sleep(HEADER_TIMEOUT.toMillis() / 2);
			out.write("st: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void aWebhookBodyThatTricklesIsCutOffWith408(CapturedOutput output) throws Exception {
		int before = output.getAll().length();
		String head = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nX-Webhook-Secret: " + WebhookRig.SECRET
				+ "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n";

		Reply reply = trickleBody(head);

		assertThat(reply.text()).startsWith("HTTP/1.1 408");
		assertThat(reply.closed()).as("connection closed").isTrue();
		assertThat(reply.took()).isLessThan(Duration.ofSeconds(6));
		assertThat(lines(output, before))
			.noneMatch((line) -> line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("\tat "))
			.hasSizeLessThanOrEqualTo(1);
	}

	/**
	 * Bodies nobody reads (no secret: 401; a form PUT with the secret: 405) are not
	 * drained at the client's pace after the answer: the connection is closed.
	 */
	@ParameterizedTest
	@CsvSource({ "POST, application/json, 401", "PUT, application/x-www-form-urlencoded, 405" })
	void aBodyNobodyReadsIsNotWaitedForAfterTheAnswer(String method, String contentType, int status) throws Exception {
		String secret = (status == 405) ? "X-Webhook-Secret: " + WebhookRig.SECRET + "\r\n" : "";
		String head = method + " /webhook HTTP/1.1\r\nHost: localhost\r\n" + secret + "Content-Type: " + contentType
				+ "\r\nContent-Length: 400\r\n\r\n";

		Reply reply = trickleBody(head);

		assertThat(reply.text()).startsWith("HTTP/1.1 " + status);
		assertThat(reply.closed()).as("connection closed").isTrue();
		assertThat(reply.took()).isLessThan(Duration.ofSeconds(6));
	}

	private static String notAnAlarm() throws IOException {
		return WebhookRig.example("cloud-notify-not-an-alarm.json");
	}

	private static List<String> lines(CapturedOutput output, int before) {
		// Not the start-up's ffmpeg check, which logs from its own thread beside the
		// first requests.
		return Arrays.stream(output.getAll().substring(before).split("\\R"))
			.filter((l) -> !l.isBlank())
			.filter((l) -> !l.contains("[ffmpeg-check]"))
			.toList();
	}

	private static Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", rig.port), 5000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	/**
	 * Sends the head, then the body a byte every 200 ms (400 bytes would take 80 s), and
	 * reads until the server closes the connection or 10 s pass.
	 */
	private static Reply trickleBody(String head) throws Exception {
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write('{');
			long start = System.nanoTime();
			trickle.scheduleAtFixedRate(() -> {
				try {
					out.write(' ');
				}
				catch (IOException ex) {
					// Closed by the server: what the test waits for.
				}
			}, 200, 200, TimeUnit.MILLISECONDS);
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			boolean closed = false;
			try {
				byte[] buffer = new byte[4096];
				for (int n; (n = socket.getInputStream().read(buffer)) >= 0;) {
					answer.write(buffer, 0, n);
				}
				closed = true;
			}
			catch (SocketTimeoutException ex) {
				// Still open after 10 s: the assertions say so.
			}
			catch (IOException ex) {
				closed = true;
			}
			return new Reply(answer.toString(StandardCharsets.UTF_8), closed,
					Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			trickle.shutdownNow();
		}
	}

	/** One HTTP/1.1 response off a kept-alive connection (Content-Length or chunked). */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed after " + head);
			}
			head.write(b);
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		String lower = headers.toLowerCase();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int length = lower.indexOf("content-length: ");
		if (length >= 0) {
			int end = lower.indexOf("\r\n", length);
			body.write(in.readNBytes(Integer.parseInt(lower.substring(length + 16, end).trim())));
		}
		else if (lower.contains("transfer-encoding: chunked")) {
			while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
				body.write(in.read());
			}
		}
		return headers + body.toString(StandardCharsets.UTF_8);
	}

	record Reply(String text, boolean closed, Duration took) {
	}

	/**
	 * Connections that send a request's first line and then one more header byte every
	 * 500 ms, never finishing; each notes when the server closed it.
	 */
	static final class Tricklers implements AutoCloseable {

		private final List<Socket> sockets = new ArrayList<>();

		private final long[] opened;

		private final long[] closed;

		private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

		private Tricklers(int count) {
			this.opened = new long[count];
			this.closed = new long[count];
		}

		static Tricklers open(int port, int count) throws IOException {
			Tricklers tricklers = new Tricklers(count);
			byte[] start = "POST /webhook HTTP/1.1\r\nHost: localhost\r\nX-Trickle: "
				.getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < count; i++) {
				Socket socket = new Socket();
				// Those beyond the server's limit wait in the listen backlog: still
				// connected.
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
				socket.setSoTimeout(1);
				socket.getOutputStream().write(start);
				tricklers.sockets.add(socket);
				tricklers.opened[i] = System.nanoTime();
			}
			tricklers.ticker.scheduleWithFixedDelay(tricklers::tick, 500, 500, TimeUnit.MILLISECONDS);
			return tricklers;
		}

		private synchronized void tick() {
			for (int i = 0; i < sockets.size(); i++) {
				if (closed[i] == 0 && isClosed(sockets.get(i))) {
					closed[i] = System.nanoTime();
				}
			}
		}

		private static boolean isClosed(Socket socket) {
			try {
				socket.getOutputStream().write('a');
				return socket.getInputStream().read() < 0;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true;
			}
		}

		synchronized boolean allClosed() {
			return Arrays.stream(closed).allMatch((t) -> t != 0);
		}

		synchronized Duration shortestLife() {
			long shortest = Long.MAX_VALUE;
			for (int i = 0; i < closed.length; i++) {
				shortest = Math.min(shortest, closed[i] - opened[i]);
			}
			return Duration.ofNanos(shortest);
		}

		@Override
		public void close() throws IOException {
			ticker.shutdownNow();
			for (Socket socket : sockets) {
				socket.close();
			}
		}

	}

}
