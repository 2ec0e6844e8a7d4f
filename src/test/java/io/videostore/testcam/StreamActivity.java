package io.videostore.testcam;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When each connection of a camera really streamed: from the start of its first frame
 * write to the start of its last frame write that completed. An open socket alone does
 * not count: a client that stopped reading (a paused process) keeps its socket open, but
 * once the socket's buffers are full the camera's writes to it block, so its interval
 * stops growing within a few frames. Two intervals that overlap mean two clients took
 * frames from the camera at the same time.
 */
public final class StreamActivity {

	private final AtomicInteger ids = new AtomicInteger();

	private final List<Stream> streams = new CopyOnWriteArrayList<>();

	/**
	 * One connection's streaming, in {@link System#nanoTime()} and wall-clock time.
	 */
	public static final class Stream {

		private final int id;

		private final String client;

		private volatile long firstNanos;

		private volatile Instant first;

		private volatile long lastNanos;

		private volatile Instant last;

		private volatile int frames;

		Stream(int id, String client) {
			this.id = id;
			this.client = client;
		}

		/** A frame write completed that began at these times. */
		void written(long startNanos, Instant start) {
			if (this.frames == 0) {
				this.firstNanos = startNanos;
				this.first = start;
			}
			this.lastNanos = startNanos;
			this.last = start;
			this.frames++;
		}

		public int id() {
			return this.id;
		}

		/** The client's address and port, which tells its connections apart. */
		public String client() {
			return this.client;
		}

		public int frames() {
			return this.frames;
		}

		public Instant first() {
			return this.first;
		}

		public Instant last() {
			return this.last;
		}

		@Override
		public String toString() {
			return "stream " + this.id + " from " + this.client + " [" + this.first + " .. " + this.last + ", "
					+ this.frames + " frames]";
		}

	}

	/**
	 * Two streams that took frames at the same time.
	 *
	 * @param a the earlier one
	 * @param b the later one
	 * @param overlap how long both streamed
	 */
	public record Overlap(Stream a, Stream b, Duration overlap) {

		@Override
		public String toString() {
			return this.overlap.toMillis() + " ms: " + this.a + " and " + this.b;
		}

	}

	Stream opened(String client) {
		Stream s = new Stream(this.ids.incrementAndGet(), client);
		this.streams.add(s);
		return s;
	}

	/** Every connection that got at least one frame, oldest first. */
	public List<Stream> streams() {
		return this.streams.stream().filter((s) -> s.frames > 0).toList();
	}

	/**
	 * Pairs of streams whose intervals overlap by more than {@code tolerance} (the time
	 * between two frames is the natural choice: a hand-over inside one frame period is
	 * not two streams).
	 */
	public List<Overlap> overlaps(Duration tolerance) {
		List<Stream> all = streams();
		List<Overlap> overlaps = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			for (int j = i + 1; j < all.size(); j++) {
				Stream a = all.get(i);
				Stream b = all.get(j);
				long overlap = Math.min(a.lastNanos, b.lastNanos) - Math.max(a.firstNanos, b.firstNanos);
				if (overlap > tolerance.toNanos()) {
					overlaps.add(new Overlap(a, b, Duration.ofNanos(overlap)));
				}
			}
		}
		return overlaps;
	}

	/** The most streams that took frames at one moment (0 before any frame). */
	public int mostAtOnce() {
		List<Stream> all = streams();
		int most = 0;
		for (Stream s : all) {
			int at = 0;
			for (Stream o : all) {
				if (o.firstNanos <= s.firstNanos && s.firstNanos <= o.lastNanos) {
					at++;
				}
			}
			most = Math.max(most, at);
		}
		return most;
	}

}
