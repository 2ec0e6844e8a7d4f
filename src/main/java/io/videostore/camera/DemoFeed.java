package io.videostore.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The built-in demo camera: a test pattern with the UTC wall clock burnt into every
 * frame, generated in this JVM and piped to ffmpeg at a steady frame rate. Needs no
 * hardware and no IXON account.
 */
final class DemoFeed implements CameraFeed {

	static final int WIDTH = 640;

	static final int HEIGHT = 360;

	private final DemoFrames frames;

	private final double fps;

	private final Clock clock;

	private volatile boolean closed;

	DemoFeed(double fps, Clock clock) {
		this.frames = new DemoFrames(WIDTH, HEIGHT);
		this.fps = fps;
		this.clock = clock;
	}

	@Override
	public List<String> ffmpegInput() {
		return MjpegPipe.INPUT;
	}

	@Override
	public boolean gated() {
		return true;
	}

	@Override
	public boolean pipesToStdin() {
		return true;
	}

	@Override
	public StreamEnd pumpTo(OutputStream out, FrameGate gate) {
		long start = System.nanoTime();
		long intervalNanos = (long) (1_000_000_000L / fps);
		long n = 0;
		long bytes = 0;
		MjpegPipe pipe = new MjpegPipe(out);
		while (!closed) {
			// Absolute schedule: frame n is due at start + n * interval, so timing never
			// drifts.
			long wait = start + n * intervalNanos - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				continue;
			}
			if (!gate.admit(n * intervalNanos)) {
				return new StreamEnd(StreamEnd.Kind.LENGTH_REACHED, "recording length reached", n, bytes);
			}
			byte[] jpeg = frames.jpeg(clock.instant(), n);
			try {
				// Stamped when drawn, like the clock in the picture.
				pipe.write(jpeg, System.nanoTime());
			}
			catch (IOException ex) {
				return new StreamEnd(StreamEnd.Kind.OUTPUT_CLOSED, "ffmpeg stopped reading", n, bytes);
			}
			bytes += jpeg.length;
			n++;
		}
		return new StreamEnd(StreamEnd.Kind.CLOSED, "demo camera closed", n, bytes);
	}

	@Override
	public String description() {
		return "demo camera (" + WIDTH + "x" + HEIGHT + " @ " + fps + " fps, UTC clock burnt in)";
	}

	@Override
	public Collection<String> secrets() {
		return List.of();
	}

	@Override
	public void close() {
		closed = true;
	}

}
