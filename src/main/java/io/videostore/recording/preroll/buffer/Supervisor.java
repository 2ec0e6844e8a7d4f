package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.videostore.camera.CameraException;
import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.system.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one camera's segment writer running: feeds complete segments into the ring,
 * judges liveness by output (new segments or a growing current one, never the PID) and
 * reopens the camera with backoff when the stream dies or stalls. Reopening asks
 * {@link CameraSources} again, which for IXON means a fresh web-access URL.
 */
final class Supervisor implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

	private static final Duration POLL = Duration.ofMillis(100);

	/** Per stop step: ffmpeg finishes the segment in progress well within this. */
	private static final Duration GRACE = Duration.ofSeconds(5);

	private final FfmpegBinaries ffmpeg;

	private final CameraSources sources;

	private final CameraConfig camera;

	private final BufferSettings settings;

	private final Ring ring;

	private final Clock clock;

	private final CountDownLatch stop = new CountDownLatch(1);

	private final AtomicReference<BufferState> state;

	private final Backoff backoff;

	Supervisor(FfmpegBinaries ffmpeg, CameraSources sources, CameraConfig camera, BufferSettings settings, Ring ring,
			Clock clock) {
		this.ffmpeg = ffmpeg;
		this.sources = sources;
		this.camera = camera;
		this.settings = settings;
		this.ring = ring;
		this.clock = clock;
		this.state = new AtomicReference<>(BufferState.starting(clock.instant()));
		this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
	}

	private boolean unexpectedLogged;

	BufferState state() {
		return state.get();
	}

	void requestStop() {
		stop.countDown();
	}

	/** Set to retry at once, whatever the backoff says. */
	private volatile boolean wake;

	/**
	 * Reconnects now rather than after the backoff: the reason it waited (a fence) is
	 * over.
	 */
	void wake() {
		this.backoff.reset();
		this.wake = true;
	}

	/** Waits the backoff, or until woken; true when stopped meanwhile. */
	private boolean awaitRetry(Duration delay) throws InterruptedException {
		long end = System.nanoTime() + delay.toNanos();
		while (!this.wake) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				break;
			}
			if (stop.await(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100), TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		this.wake = false;
		return stopped();
	}

	@Override
	public void run() {
		try {
			for (int run = 1; !stopped(); run++) {
				String why = runSafely(run);
				if (why == null || stopped()) {
					return;
				}
				BufferState s = state.get();
				Instant since = (s.kind() == BufferState.Kind.RECONNECTING) ? s.since() : clock.instant();
				state.set(BufferState.reconnecting(since, why));
				Duration delay = backoff.next();
				log.warn("Camera '{}' buffer: {}; reconnecting in {} ms", camera.id(), why, delay.toMillis());
				if (awaitRetry(delay)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (FatalException ex) {
			log.error("Camera '{}' buffer failed: {}", camera.id(), ex.getMessage());
			state.set(BufferState.failed(clock.instant(), ex.getMessage()));
		}
	}

	/**
	 * One connection, where an unexpected error (a bug) counts as a lost connection: the
	 * buffer runs unattended for months, and one bad moment must not end it for good.
	 */
	private String runSafely(int run) throws InterruptedException {
		try {
			return runOnce(run);
		}
		catch (FatalException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// The stack trace once; the reconnect loop logs every repeat in one line.
			if (!unexpectedLogged) {
				unexpectedLogged = true;
				log.error("Camera '{}' buffer: unexpected error", camera.id(), ex);
			}
			return "internal error: " + ex.getClass().getSimpleName();
		}
	}

	private boolean stopped() {
		return stop.getCount() == 0;
	}

	/** One connection: returns why it ended, or null when stopped on purpose. */
	private String runOnce(int run) throws InterruptedException {
		CameraFeed feed;
		try {
			feed = sources.open(camera);
		}
		catch (CameraException ex) {
			if (ex.reason() == CameraException.Reason.NOT_CONFIGURED) {
				throw new FatalException(ex.getMessage());
			}
			return ex.getMessage();
		}
		SegmentWriter writer;
		try {
			writer = SegmentWriter.start(ffmpeg, feed, settings, run, clock, camera.id());
		}
		catch (IOException ex) {
			feed.close();
			return "cannot start ffmpeg: " + ex.getMessage();
		}
		RunTimes times = new RunTimes();
		try {
			return watch(writer, times);
		}
		finally {
			writer.stop(GRACE);
			collect(writer, times);
			writer.deleteList();
		}
	}

	private String watch(SegmentWriter writer, RunTimes times) throws InterruptedException {
		long lastProgress = System.nanoTime();
		long lastBytes = -1;
		while (!stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
			boolean added = collect(writer, times);
			long bytes = writer.bytesOf(times.rows);
			if (added || bytes != lastBytes) {
				lastProgress = System.nanoTime();
				lastBytes = bytes;
			}
			ring.evict(clock.instant());
			if (!writer.isAlive()) {
				return writer.failure();
			}
			if (System.nanoTime() - lastProgress > settings.stallTimeout().toNanos()) {
				return "no new video for " + settings.stallTimeout().toSeconds() + " s";
			}
		}
		return null;
	}

	/** Moves newly listed segments into the ring; true when there were any. */
	private boolean collect(SegmentWriter writer, RunTimes times) {
		try {
			var rows = writer.newRows();
			for (SegmentList.Row row : rows) {
				Instant zero = times.zero(writer, row, clock);
				if (times.rows == 0) {
					writer.noteZero(zero);
				}
				Segment s = new Segment(writer.file(row.name()), plus(zero, row.start()), plus(zero, row.end()));
				// The state first: whoever sees this segment in the ring sees BUFFERING.
				if (state.get().kind() != BufferState.Kind.BUFFERING) {
					log.info("Camera '{}' buffering (run {})", camera.id(), writer.run());
					state.set(BufferState.buffering(clock.instant()));
					backoff.reset();
				}
				ring.add(s, times.rows > 0);
				times.rows++;
			}
			return !rows.isEmpty();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Camera '{}' buffer: cannot read the segment list: {}", camera.id(), ex.getMessage());
			return false;
		}
	}

	private static Instant plus(Instant zero, double seconds) {
		return zero.plusNanos(Math.round(seconds * 1e9));
	}

	/** Retrying cannot help. */
	private static final class FatalException extends RuntimeException {

		FatalException(String message) {
			super(message);
		}

	}

}
