package io.videostore.camera;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a camera's JPEG frames on a thread of their own and notes when each arrived, so
 * the times stay true while ffmpeg is slow to read: the camera is never held up behind a
 * full pipe (frames would then arrive in a burst, all "now"). When ffmpeg falls more than
 * {@link #CAPACITY} frames behind, the oldest waiting frame is dropped: a loaded machine
 * gives fewer frames, never a faster clip.
 */
final class ArrivingFrames {

	/** Frames that may wait for ffmpeg: 1.6 s of a 10 fps camera. */
	static final int CAPACITY = 16;

	/** A frame and when it arrived ({@link System#nanoTime()}). */
	record Frame(byte[] jpeg, long arrivalNanos) {

	}

	private static final Frame END = new Frame(new byte[0], 0);

	private final BlockingQueue<Frame> waiting = new ArrayBlockingQueue<>(CAPACITY);

	private volatile IOException failure;

	private ArrivingFrames() {
	}

	/** Starts reading {@code reader} on a daemon thread named {@code name}. */
	static ArrivingFrames start(JpegFrameReader reader, String name) {
		return start(reader, name, () -> true);
	}

	/**
	 * Starts reading {@code reader} on a daemon thread named {@code name}, before each
	 * frame only while {@code goOn} says so: a reader that stops reading lets the
	 * camera's socket fill up, so it sends nothing more.
	 */
	static ArrivingFrames start(JpegFrameReader reader, String name, java.util.function.BooleanSupplier goOn) {
		ArrivingFrames frames = new ArrivingFrames();
		Thread t = new Thread(() -> frames.read(reader, goOn), name);
		t.setDaemon(true);
		t.start();
		return frames;
	}

	private void read(JpegFrameReader reader, java.util.function.BooleanSupplier goOn) {
		try {
			byte[] jpeg;
			while (goOn.getAsBoolean() && (jpeg = reader.next()) != null) {
				offer(new Frame(jpeg, System.nanoTime()));
			}
		}
		catch (IOException ex) {
			this.failure = ex;
		}
		offer(END);
	}

	private void offer(Frame frame) {
		while (!this.waiting.offer(frame)) {
			// Full: ffmpeg is behind, the oldest frame goes.
			this.waiting.poll();
		}
	}

	/**
	 * The next frame, waiting for it; null when the stream has ended (then
	 * {@link #failure()} says why, or is null for a clean end).
	 */
	Frame next() throws InterruptedException {
		Frame f = this.waiting.take();
		if (f == END) {
			// Left for a second call.
			offer(END);
			return null;
		}
		return f;
	}

	/** Why reading stopped, or null when the camera ended the stream cleanly. */
	IOException failure() {
		return this.failure;
	}

}
