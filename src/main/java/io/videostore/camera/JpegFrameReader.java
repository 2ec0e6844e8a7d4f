package io.videostore.camera;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts complete JPEG images out of an MJPEG byte stream by following the JPEG marker
 * structure, ignoring whatever lies between images (multipart boundaries and headers, in
 * whatever dialect a camera speaks).
 * <p>
 * Hand-written because ffmpeg's own multipart demuxer fails on a piped stream without the
 * HTTP boundary header and its raw MJPEG demuxer stamps wall-clock times per read chunk
 * instead of per frame; feeding it one whole frame at a time fixes both, and lets us
 * count frames for progress and stall detection.
 */
final class JpegFrameReader {

	private final InputStream in;

	private final int maxFrameBytes;

	private final byte[] buf = new byte[64 * 1024];

	private int pos;

	private int limit;

	private byte[] frame = new byte[256 * 1024];

	private int length;

	JpegFrameReader(InputStream in, int maxFrameBytes) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
	}

	/**
	 * The next complete JPEG image, or null when the stream ended cleanly between images.
	 */
	byte[] next() throws IOException {
		if (!skipToStartOfImage()) {
			return null;
		}
		length = 0;
		append(0xFF);
		append(0xD8);
		while (true) {
			int marker = readMarker();
			if (marker == 0xD9) {
				return Arrays.copyOf(frame, length);
			}
			if (marker == 0xDA) {
				copySegment();
				marker = copyEntropyCodedData();
				if (marker == 0xD9) {
					return Arrays.copyOf(frame, length);
				}
				unread(marker);
			}
			else if (marker != 0x01 && (marker < 0xD0 || marker > 0xD7)) {
				copySegment();
			}
		}
	}

	private boolean skipToStartOfImage() throws IOException {
		int prev = -1;
		while (true) {
			int b = read(false);
			if (b < 0) {
				return false;
			}
			if (prev == 0xFF && b == 0xD8) {
				return true;
			}
			prev = b;
		}
	}

	private int pendingMarker = -1;

	private void unread(int marker) {
		pendingMarker = marker;
	}

	private int readMarker() throws IOException {
		if (pendingMarker >= 0) {
			int m = pendingMarker;
			pendingMarker = -1;
			append(0xFF);
			append(m);
			return m;
		}
		int b = read(true);
		if (b != 0xFF) {
			throw new IOException("corrupt JPEG in the stream: expected a marker, got 0x" + Integer.toHexString(b));
		}
		int m;
		do {
			m = read(true);
		}
		while (m == 0xFF);
		append(0xFF);
		append(m);
		return m;
	}

	private void copySegment() throws IOException {
		int hi = read(true);
		int lo = read(true);
		append(hi);
		append(lo);
		int len = (hi << 8 | lo) - 2;
		if (len < 0) {
			throw new IOException("corrupt JPEG in the stream: bad segment length");
		}
		for (int i = 0; i < len; i++) {
			append(read(true));
		}
	}

	/** Copies scan data up to the next real marker, which it returns without copying. */
	private int copyEntropyCodedData() throws IOException {
		while (true) {
			int b = read(true);
			if (b != 0xFF) {
				append(b);
				continue;
			}
			int n = read(true);
			while (n == 0xFF) {
				n = read(true);
			}
			if (n == 0x00 || (n >= 0xD0 && n <= 0xD7)) {
				append(0xFF);
				append(n);
			}
			else {
				if (n == 0xD9) {
					append(0xFF);
					append(0xD9);
				}
				return n;
			}
		}
	}

	private void append(int b) throws IOException {
		if (length == frame.length) {
			if (length >= maxFrameBytes) {
				throw new IOException("a JPEG frame in the stream is larger than " + maxFrameBytes + " bytes");
			}
			frame = Arrays.copyOf(frame, Math.min(maxFrameBytes, length * 2));
		}
		frame[length++] = (byte) b;
	}

	private int read(boolean insideImage) throws IOException {
		if (pos == limit) {
			limit = in.read(buf, 0, buf.length);
			pos = 0;
			if (limit <= 0) {
				limit = 0;
				if (insideImage) {
					throw new EOFException("the stream ended in the middle of a frame");
				}
				return -1;
			}
		}
		return buf[pos++] & 0xFF;
	}

}
