package io.videostore.testcam;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Reads a response body on a background thread and remembers what arrived when, so tests
 * can observe stalls.
 */
final class StreamRecorder implements AutoCloseable {

	private final InputStream in;

	private final long startNanos = System.nanoTime();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final Thread reader;

	private volatile long lastByteNanos = -1;

	private volatile long endNanos = -1;

	private volatile IOException failure;

	StreamRecorder(InputStream in) {
		this.in = in;
		this.reader = new Thread(this::read, "stream-recorder");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void read() {
		byte[] buffer = new byte[16 * 1024];
		try {
			for (int n = this.in.read(buffer); n >= 0; n = this.in.read(buffer)) {
				synchronized (this.bytes) {
					this.bytes.write(buffer, 0, n);
				}
				this.lastByteNanos = System.nanoTime();
			}
		}
		catch (IOException ex) {
			this.failure = ex;
		}
		finally {
			this.endNanos = System.nanoTime();
		}
	}

	/** Multipart parts started so far. */
	int boundaries() {
		String text;
		synchronized (this.bytes) {
			text = this.bytes.toString(StandardCharsets.ISO_8859_1);
		}
		String tag = "--" + TestCamera.BOUNDARY + "\r\n";
		int count = 0;
		for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length())) {
			count++;
		}
		return count;
	}

	/**
	 * Decodes the first part by its Content-Length, checking the part framing on the way.
	 */
	BufferedImage firstFrame() throws IOException {
		byte[] stream;
		synchronized (this.bytes) {
			stream = this.bytes.toByteArray();
		}
		String text = new String(stream, StandardCharsets.ISO_8859_1);
		int headerEnd = text.indexOf("\r\n\r\n");
		String head = "--" + TestCamera.BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: ";
		Matcher length = Pattern.compile("Content-Length: (\\d+)").matcher(text.substring(0, Math.max(0, headerEnd)));
		if (!text.startsWith(head) || !length.find()) {
			throw new IOException("Malformed first part: " + text.substring(0, Math.min(200, text.length())));
		}
		int start = headerEnd + 4;
		int end = start + Integer.parseInt(length.group(1));
		if (!text.startsWith("\r\n--", end)) {
			throw new IOException("Part is not followed by CRLF and the next boundary");
		}
		return ImageIO.read(new ByteArrayInputStream(Arrays.copyOfRange(stream, start, end)));
	}

	/** Seconds from start to the last byte received, or -1. */
	double lastByteSeconds() {
		return (this.lastByteNanos < 0) ? -1 : (this.lastByteNanos - this.startNanos) / 1e9;
	}

	/**
	 * Seconds from start to the end of the stream (EOF or error), or -1 while it is still
	 * open.
	 */
	double endSeconds() {
		return (this.endNanos < 0) ? -1 : (this.endNanos - this.startNanos) / 1e9;
	}

	boolean ended() {
		return this.endNanos >= 0;
	}

	/** The read error that ended the stream, or null for a clean end (or no end yet). */
	IOException failure() {
		return this.failure;
	}

	void awaitEnd(long millis) throws InterruptedException {
		this.reader.join(millis);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
