package io.videostore.recording.buffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.StreamEnd;
import io.videostore.recording.FfmpegBinaries;
import io.videostore.system.Redactor;

/**
 * One ffmpeg run writing a camera into segments: {@code seg-<run>-NNNNN.mkv} plus
 * {@code list-<run>.csv}. It also notes when the first frame went into ffmpeg, the zero
 * point of the list's relative times.
 */
final class SegmentWriter {

	private final Process process;

	private final CameraFeed feed;

	private final Path folder;

	private final int run;

	private final SegmentList list;

	private volatile Instant firstFrame;

	private volatile StreamEnd streamEnd;

	private volatile String lastError = "";

	private SegmentWriter(Process process, CameraFeed feed, Path folder, int run) {
		this.process = process;
		this.feed = feed;
		this.folder = folder;
		this.run = run;
		this.list = new SegmentList(folder.resolve("list-" + run + ".csv"));
	}

	static SegmentWriter start(FfmpegBinaries ffmpeg, CameraFeed feed, BufferSettings settings, int run, Clock clock,
			String name) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command(ffmpeg, feed, settings, run));
		pb.environment().putAll(ffmpeg.environment());
		SegmentWriter w = new SegmentWriter(pb.start(), feed, settings.folder(), run);
		daemon("ffmpeg-stderr-buffer-" + name, () -> w.drainStderr(feed.secrets()));
		if (feed.pipesToStdin()) {
			daemon("camera-pump-buffer-" + name, () -> w.pump(clock));
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

	private static void daemon(String name, Runnable body) {
		Thread t = new Thread(body, name);
		t.setDaemon(true);
		t.start();
	}

	private void pump(Clock clock) {
		OutputStream stdin = process.getOutputStream();
		streamEnd = feed.pumpTo(new FirstFrameStamp(stdin, () -> {
			if (firstFrame == null) {
				firstFrame = clock.instant();
			}
		}));
		closeQuietly(stdin);
	}

	private void drainStderr(java.util.Collection<String> secrets) {
		try (BufferedReader r = new BufferedReader(
				new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				if (!line.isBlank()) {
					lastError = Redactor.redact(line, secrets);
				}
			}
		}
		catch (IOException ex) {
			// Closed with the process.
		}
	}

	int run() {
		return run;
	}

	List<SegmentList.Row> newRows() throws IOException {
		return list.readNew();
	}

	/** Deletes this run's list once every row is read: the next run has its own. */
	void deleteList() {
		try {
			Files.deleteIfExists(folder.resolve("list-" + run + ".csv"));
		}
		catch (IOException ex) {
			// Removed on the next start at the latest.
		}
	}

	Path file(String name) {
		return folder.resolve(name);
	}

	/**
	 * Bytes written so far to segment number {@code index} of this run (the one in
	 * progress).
	 */
	long bytesOf(int index) {
		try {
			return Files.size(folder.resolve(String.format(Locale.ROOT, "seg-%d-%05d.mkv", run, index)));
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
		return firstFrame;
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/**
	 * Why the run ended, best explanation first: the camera's side, then ffmpeg's last
	 * words.
	 */
	String failure() {
		StreamEnd end = streamEnd;
		if (end != null && end.cameraStopped()) {
			return end.detail();
		}
		return lastError.isEmpty() ? "ffmpeg exited" : "ffmpeg: " + lastError;
	}

	/**
	 * Stops the run so the segment in progress is closed and listed: end of input (or
	 * {@code q} when ffmpeg reads the camera itself), then SIGTERM, then SIGKILL of the
	 * tree; always reaped.
	 */
	void stop(Duration grace) throws InterruptedException {
		feed.close();
		try {
			OutputStream in = process.getOutputStream();
			if (!feed.pipesToStdin()) {
				in.write('q');
				in.flush();
			}
			in.close();
		}
		catch (IOException ex) {
			// Already exiting.
		}
		try {
			if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
			process.destroy();
			if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		finally {
			// Also when interrupted: no ffmpeg may outlive its buffer.
			if (process.isAlive()) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}
		process.waitFor(5, TimeUnit.SECONDS);
	}

	private static void closeQuietly(OutputStream out) {
		try {
			out.close();
		}
		catch (IOException ex) {
			// ffmpeg already gone.
		}
	}

}
