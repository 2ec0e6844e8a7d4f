package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.StreamEnd;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegProcess;

/**
 * One ffmpeg run writing a camera into segments: {@code seg-<run>-NNNNN.mkv} plus
 * {@code list-<run>.csv}. It also notes when the first frame went into ffmpeg, the zero
 * point of the list's relative times.
 */
final class SegmentWriter {

	private final FfmpegProcess process;

	private final CameraFeed feed;

	private final Path folder;

	private final int run;

	private final SegmentList list;

	private volatile Instant firstFrame;

	private volatile StreamEnd streamEnd;

	private SegmentWriter(FfmpegProcess process, CameraFeed feed, Path folder, int run) {
		this.process = process;
		this.feed = feed;
		this.folder = folder;
		this.run = run;
		this.list = new SegmentList(folder.resolve("list-" + run + ".csv"));
	}

	static SegmentWriter start(FfmpegBinaries ffmpeg, CameraFeed feed, BufferSettings settings, int run, Clock clock,
			String name) throws IOException {
		FfmpegProcess process = FfmpegProcess.start(command(ffmpeg, feed, settings, run), new FfmpegProcess.Options(
				"buffer-" + name, ffmpeg.environment(), feed.pipesToStdin(), false, false, feed.secrets()));
		SegmentWriter w = new SegmentWriter(process, feed, settings.folder(), run);
		if (feed.pipesToStdin()) {
			Thread pump = new Thread(() -> w.pump(clock), "camera-pump-buffer-" + name);
			pump.setDaemon(true);
			pump.start();
		}
		return w;
	}

	static List<String> command(FfmpegBinaries ffmpeg, CameraFeed feed, BufferSettings settings, int run) {
		Path dir = settings.folder();
		List<String> cmd = new ArrayList<>(
				List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-nostats", "-y"));
		cmd.addAll(feed.ffmpegInput());
		cmd.addAll(List.of("-map", "0:v:0", "-an", "-c:v", "copy", "-f", "segment", "-segment_time",
				String.format(Locale.ROOT, "%.3f", settings.segmentTime().toMillis() / 1000.0), "-reset_timestamps",
				"1", "-segment_format", "matroska", "-segment_list", dir.resolve("list-" + run + ".csv").toString(),
				"-segment_list_type", "csv", "-segment_list_flags", "+live",
				dir.resolve("seg-" + run + "-%05d.mkv").toString()));
		return cmd;
	}

	private void pump(Clock clock) {
		OutputStream stdin = this.process.stdin();
		this.streamEnd = this.feed.pumpTo(new FirstFrameStamp(stdin, () -> {
			if (this.firstFrame == null) {
				this.firstFrame = clock.instant();
			}
		}));
		try {
			stdin.close();
		}
		catch (IOException ex) {
			// ffmpeg already gone.
		}
	}

	int run() {
		return this.run;
	}

	List<SegmentList.Row> newRows() throws IOException {
		return this.list.readNew();
	}

	/**
	 * Notes on disk when this run's first frame was taken, the zero of its list's times:
	 * with it, a restart after a kill can place the run's segments in time (see
	 * {@link LeftFootage}).
	 */
	void noteZero(Instant zero) {
		try {
			Files.writeString(this.folder.resolve("zero-" + this.run + ".txt"), zero.toString());
		}
		catch (IOException ex) {
			// Only a recovery after a kill needs it.
		}
	}

	/** Deletes this run's list once every row is read: the next run has its own. */
	void deleteList() {
		try {
			Files.deleteIfExists(this.folder.resolve("list-" + this.run + ".csv"));
			Files.deleteIfExists(this.folder.resolve("zero-" + this.run + ".txt"));
		}
		catch (IOException ex) {
			// Removed on the next start at the latest.
		}
	}

	Path file(String name) {
		return this.folder.resolve(name);
	}

	/**
	 * Bytes written so far to segment number {@code index} of this run (the one in
	 * progress).
	 */
	long bytesOf(int index) {
		try {
			return Files.size(this.folder.resolve(String.format(Locale.ROOT, "seg-%d-%05d.mkv", this.run, index)));
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * When the first frame went into ffmpeg; null until then, and always null for feeds
	 * ffmpeg reads itself.
	 */
	Instant firstFrame() {
		return this.firstFrame;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Why the run ended, best explanation first: the camera's side, then ffmpeg's last
	 * words.
	 */
	String failure() {
		StreamEnd end = this.streamEnd;
		if (end != null && end.cameraStopped()) {
			return end.detail();
		}
		String error = this.process.lastError();
		return error.isEmpty() ? "ffmpeg exited" : "ffmpeg: " + error;
	}

	/**
	 * Stops the run so the segment in progress is closed and listed (end of input, or
	 * {@code q} when ffmpeg reads the camera itself, then SIGTERM, then SIGKILL of the
	 * tree); always reaped, also when interrupted.
	 */
	void stop(Duration grace) throws InterruptedException {
		this.feed.close();
		try {
			this.process.stop(grace);
		}
		finally {
			this.process.close();
		}
	}

}
