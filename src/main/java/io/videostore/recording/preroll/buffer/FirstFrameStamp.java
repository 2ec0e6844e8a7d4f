package io.videostore.recording.preroll.buffer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Tells when a whole frame has been flushed to ffmpeg: the camera feeds flush once per
 * frame and stamp each frame with its arrival time since the first frame, which is handed
 * over (and flushed) as it arrives, so the first flush is the zero point of ffmpeg's
 * times.
 */
final class FirstFrameStamp extends FilterOutputStream {

	private final Runnable onFlush;

	FirstFrameStamp(OutputStream out, Runnable onFlush) {
		super(out);
		this.onFlush = onFlush;
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		// FilterOutputStream would write byte by byte.
		out.write(b, off, len);
	}

	@Override
	public void flush() throws IOException {
		out.flush();
		onFlush.run();
	}

}
