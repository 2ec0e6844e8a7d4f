package io.videostore.camera;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.videostore.system.Redactor;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * An HTTP camera stream (direct, or through IXON web access) read in this JVM and piped
 * to ffmpeg. MJPEG is cut into whole frames; anything else is copied as bytes and left to
 * ffmpeg to recognise.
 */
final class HttpCameraFeed implements CameraFeed {

	private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

	private static final int SNIFF_BYTES = 8 * 1024;

	private final HttpGet request;

	private final ClassicHttpResponse response;

	private final BufferedInputStream body;

	private final boolean mjpeg;

	private final String description;

	private final Collection<String> secrets;

	private final Duration stallTimeout;

	private volatile boolean closed;

	HttpCameraFeed(HttpGet request, ClassicHttpResponse response, String description, Collection<String> secrets,
			Duration stallTimeout) throws IOException {
		this.request = request;
		this.stallTimeout = stallTimeout;
		this.response = response;
		this.description = description;
		this.secrets = List.copyOf(secrets);
		this.body = new BufferedInputStream(response.getEntity().getContent(), 64 * 1024);
		this.mjpeg = looksLikeMjpeg(contentType(response), body);
	}

	private static String contentType(ClassicHttpResponse response) {
		Header h = response.getFirstHeader("Content-Type");
		return (h != null) ? h.getValue().toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * Multipart or JPEG by header, or JPEG bytes near the start: cameras label MJPEG
	 * inconsistently.
	 */
	private static boolean looksLikeMjpeg(String contentType, BufferedInputStream in) throws IOException {
		if (contentType.startsWith("multipart/") || contentType.startsWith("image/jpeg")) {
			return true;
		}
		in.mark(SNIFF_BYTES);
		byte[] head = in.readNBytes(SNIFF_BYTES);
		in.reset();
		for (int i = 0; i + 2 < head.length; i++) {
			if ((head[i] & 0xFF) == 0xFF && (head[i + 1] & 0xFF) == 0xD8 && (head[i + 2] & 0xFF) == 0xFF) {
				return true;
			}
		}
		return false;
	}

	boolean isMjpeg() {
		return mjpeg;
	}

	@Override
	public List<String> ffmpegInput() {
		return mjpeg ? MjpegPipe.INPUT : List.of("-i", "pipe:0");
	}

	@Override
	public boolean gated() {
		return mjpeg;
	}

	@Override
	public boolean pipesToStdin() {
		return true;
	}

	/** Whether the reader may read the next frame from the camera. */
	private volatile java.util.function.BooleanSupplier readGate = () -> true;

	/**
	 * Reads the camera's next frame only while {@code gate} says so (a fenced instance
	 * reads nothing more, even on a thread that runs before the pump's).
	 */
	void readOnlyWhile(java.util.function.BooleanSupplier gate) {
		this.readGate = gate;
	}

	@Override
	public StreamEnd pumpTo(OutputStream out, FrameGate gate) {
		return mjpeg ? pumpFrames(out, gate) : pumpBytes(out);
	}

	private StreamEnd pumpFrames(OutputStream out, FrameGate gate) {
		ArrivingFrames arriving = ArrivingFrames.start(new JpegFrameReader(body, MAX_FRAME_BYTES),
				Thread.currentThread().getName() + "-reader", this.readGate);
		MjpegPipe pipe = new MjpegPipe(out);
		long frames = 0;
		long bytes = 0;
		long first = 0;
		while (true) {
			ArrivingFrames.Frame frame;
			try {
				frame = arriving.next();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new StreamEnd(StreamEnd.Kind.CLOSED, "stream closed", frames, bytes);
			}
			if (frame == null) {
				IOException failure = arriving.failure();
				return (failure != null) ? readFailure(failure, frames, bytes)
						: new StreamEnd(StreamEnd.Kind.ENDED, "the camera ended the stream", frames, bytes);
			}
			first = (frames == 0) ? frame.arrivalNanos() : first;
			if (!gate.admit(frame.arrivalNanos() - first)) {
				return new StreamEnd(StreamEnd.Kind.LENGTH_REACHED, "recording length reached", frames, bytes);
			}
			try {
				pipe.write(frame.jpeg(), frame.arrivalNanos());
			}
			catch (IOException ex) {
				return new StreamEnd(StreamEnd.Kind.OUTPUT_CLOSED, "ffmpeg stopped reading", frames, bytes);
			}
			frames++;
			bytes += frame.jpeg().length;
		}
	}

	private StreamEnd pumpBytes(OutputStream out) {
		byte[] buf = new byte[64 * 1024];
		long bytes = 0;
		while (true) {
			int n;
			try {
				n = body.read(buf);
			}
			catch (IOException ex) {
				return readFailure(ex, 0, bytes);
			}
			if (n < 0) {
				return new StreamEnd(StreamEnd.Kind.ENDED, "the camera ended the stream", 0, bytes);
			}
			try {
				out.write(buf, 0, n);
				out.flush();
			}
			catch (IOException ex) {
				return new StreamEnd(StreamEnd.Kind.OUTPUT_CLOSED, "ffmpeg stopped reading", 0, bytes);
			}
			bytes += n;
		}
	}

	private StreamEnd readFailure(IOException ex, long frames, long bytes) {
		if (closed) {
			return new StreamEnd(StreamEnd.Kind.CLOSED, "stream closed", frames, bytes);
		}
		if (ex instanceof SocketTimeoutException || ex instanceof InterruptedIOException) {
			return new StreamEnd(StreamEnd.Kind.STALLED,
					"the camera sent nothing for " + stallTimeout.toSeconds() + " s (video.stall_timeout)", frames,
					bytes);
		}
		if (ex instanceof java.io.EOFException) {
			return new StreamEnd(StreamEnd.Kind.ENDED, "the camera ended the stream mid-frame", frames, bytes);
		}
		return new StreamEnd(StreamEnd.Kind.FAILED, "the stream broke: the camera " + closed(ex, "the connection"),
				frames, bytes);
	}

	/**
	 * What the camera did to a connection that failed while open, in words rather than
	 * the exception's class: "closed it", "reset it".
	 * @param connection how the connection is named: "the connection", "it"
	 */
	static String closed(IOException ex, String connection) {
		String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(java.util.Locale.ROOT) : "";
		if (message.contains("reset")) {
			return "reset " + connection;
		}
		if (ex instanceof org.apache.hc.core5.http.ConnectionClosedException
				|| ex instanceof org.apache.hc.core5.http.NoHttpResponseException || ex instanceof java.io.EOFException
				|| message.contains("closed") || message.contains("end of") || message.contains("broken pipe")) {
			return "closed " + connection;
		}
		return "broke " + connection + ((ex.getMessage() != null) ? " (" + Redactor.redact(ex.getMessage()) + ")" : "");
	}

	@Override
	public String description() {
		return description;
	}

	@Override
	public Collection<String> secrets() {
		return secrets;
	}

	@Override
	public void close() {
		closed = true;
		// Aborting the request closes the socket at once; closing the response would try
		// to drain an endless body.
		request.cancel();
		try {
			response.close();
		}
		catch (IOException ex) {
			// Already aborted.
		}
	}

}
