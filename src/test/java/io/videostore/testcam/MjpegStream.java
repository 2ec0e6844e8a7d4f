package io.videostore.testcam;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import io.videostore.camera.DemoFrames;

/**
 * Writes one client's multipart MJPEG stream, paced on an absolute schedule, until the
 * client, the camera or the configured behaviour ends it.
 */
final class MjpegStream {

	private static final byte[] CRLF = { '\r', '\n' };

	private final TestCamera.Options options;

	private final CountDownLatch cameraClosed;

	MjpegStream(TestCamera.Options options, CountDownLatch cameraClosed) {
		this.options = options;
		this.cameraClosed = cameraClosed;
	}

	/**
	 * Streams until the camera closes (normal return) or the connection must go away
	 * (IOException, which makes the JDK server close the socket without a final chunk,
	 * just like a camera losing power).
	 */
	void stream(HttpExchange exchange, StreamActivity.Stream activity) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + TestCamera.BOUNDARY);
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		if (this.options.sendBuffer() > 0) {
			SendBuffer.limit(exchange, this.options.sendBuffer());
		}
		OutputStream out = exchange.getResponseBody();
		// One renderer per client: DemoFrames is synchronized and clients should not pace
		// each other.
		DemoFrames frames = new DemoFrames(this.options.width(), this.options.height());
		long period = (long) (1_000_000_000L / this.options.fps());
		long start = System.nanoTime();
		long behaviourAt = start + this.options.behaviourAfter().toNanos();
		boolean misbehaves = this.options.behaviour() != TestCamera.Behaviour.NORMAL;
		for (long n = 0;; n++) {
			long due = start + n * period;
			if (misbehaves && due >= behaviourAt) {
				if (!sleepUntil(behaviourAt)) {
					return;
				}
				misbehave();
				return;
			}
			if (!sleepUntil(due)) {
				return;
			}
			long late = System.nanoTime() - due;
			if (late > period) {
				// A slow client held us up: resume from now instead of bursting out the
				// missed frames.
				start += late;
			}
			Instant now = Instant.now();
			byte[] part = withSendTime(frames.jpeg(now, n), now);
			long writing = System.nanoTime();
			writePart(out, part);
			activity.written(writing, now);
		}
	}

	private void misbehave() throws IOException {
		if (this.options.behaviour() == TestCamera.Behaviour.DROP_AFTER) {
			throw new IOException("test camera drops the connection as configured");
		}
		// STALL_AFTER: a silent, open connection. The JDK server cannot tell us when the
		// client leaves while we are
		// not writing, so the thread is only released when the camera closes.
		try {
			this.cameraClosed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The frame with its send time also as a JPEG comment ({@code sent=<epoch ms>}),
	 * which a stream-copied clip keeps: the machine-readable form of the burnt-in clock,
	 * with which a benchmark tells how much camera time a clip covers.
	 */
	static byte[] withSendTime(byte[] jpeg, Instant sent) {
		byte[] text = ("sent=" + sent.toEpochMilli()).getBytes(StandardCharsets.US_ASCII);
		byte[] out = new byte[jpeg.length + 4 + text.length];
		// After the start-of-image marker: FF FE, length (itself included), text.
		out[0] = jpeg[0];
		out[1] = jpeg[1];
		out[2] = (byte) 0xFF;
		out[3] = (byte) 0xFE;
		out[4] = (byte) ((text.length + 2) >> 8);
		out[5] = (byte) (text.length + 2);
		System.arraycopy(text, 0, out, 6, text.length);
		System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
		return out;
	}

	private static void writePart(OutputStream out, byte[] jpeg) throws IOException {
		String head = "--" + TestCamera.BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
				+ "\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(jpeg);
		out.write(CRLF);
		out.flush();
	}

	/**
	 * @return false if the camera closed (or the thread was interrupted) before the
	 * deadline
	 */
	private boolean sleepUntil(long deadline) {
		try {
			long wait = deadline - System.nanoTime();
			return (wait <= 0) ? this.cameraClosed.getCount() > 0
					: !this.cameraClosed.await(wait, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
