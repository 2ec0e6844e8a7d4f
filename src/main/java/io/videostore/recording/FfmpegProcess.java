package io.videostore.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.videostore.system.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ffmpeg, supervised: stdout carries {@code -progress} reports, stderr is
 * drained on a named thread into a bounded tail, and stopping escalates from a polite
 * request ({@code q} or end of input) to SIGTERM to SIGKILL of the whole process tree,
 * which is always reaped.
 */
final class FfmpegProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FfmpegProcess.class);

	private static final int TAIL_LINES = 30;

	private final Process process;

	private final String name;

	private final boolean stdinIsInput;

	private final Deque<String> tail = new ArrayDeque<>();

	private volatile FfmpegProgress progress = FfmpegProgress.NONE;

	private volatile long lastAdvanceNanos = System.nanoTime();

	private Thread stderrDrain;

	private FfmpegProcess(Process process, String name, boolean stdinIsInput) {
		this.process = process;
		this.name = name;
		this.stdinIsInput = stdinIsInput;
	}

	/**
	 * Starts ffmpeg. The command must contain {@code -progress pipe:1}.
	 * @param stdinIsInput true when stdin carries the camera stream (then stopping means
	 * closing it)
	 * @param showOutput true to log ffmpeg's own output at INFO
	 * ({@code video.debug_info}), else DEBUG
	 * @param secrets values to mask in any logged line
	 */
	static FfmpegProcess start(FfmpegBinaries binaries, List<String> command, String name, boolean stdinIsInput,
			boolean showOutput, Collection<String> secrets) throws IOException {
		Process p = binaries.processBuilder(command).start();
		FfmpegProcess fp = new FfmpegProcess(p, name, stdinIsInput);
		fp.thread("ffmpeg-progress-" + name, fp::readProgress);
		fp.stderrDrain = fp.thread("ffmpeg-stderr-" + name, () -> fp.drainStderr(showOutput, secrets));
		return fp;
	}

	private Thread thread(String threadName, Runnable body) {
		Thread t = new Thread(body, threadName);
		t.setDaemon(true);
		t.start();
		return t;
	}

	private void readProgress() {
		Map<String, String> block = new HashMap<>();
		try (BufferedReader r = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				int eq = line.indexOf('=');
				if (eq > 0) {
					block.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
				}
				if (line.startsWith("progress=")) {
					update(block);
					block.clear();
				}
			}
		}
		catch (IOException ex) {
			// The process went away; its exit code tells the rest.
		}
	}

	private void update(Map<String, String> block) {
		FfmpegProgress next = new FfmpegProgress(parseLong(block.get("frame")), parseDouble(block.get("fps")),
				parseLong(block.get("total_size")), parseLong(block.get("out_time_us")),
				"end".equals(block.get("progress")));
		if (next.outTimeMicros() > progress.outTimeMicros() || next.frames() > progress.frames()) {
			lastAdvanceNanos = System.nanoTime();
		}
		progress = next;
	}

	private void drainStderr(boolean showOutput, Collection<String> secrets) {
		try (BufferedReader r = new BufferedReader(
				new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				String clean = Redactor.redact(line, secrets);
				synchronized (tail) {
					if (tail.size() == TAIL_LINES) {
						tail.removeFirst();
					}
					tail.addLast(clean);
				}
				if (showOutput) {
					log.info("[ffmpeg {}] {}", name, clean);
				}
				else {
					log.debug("[ffmpeg {}] {}", name, clean);
				}
			}
		}
		catch (IOException ex) {
			// Stream closed with the process.
		}
	}

	OutputStream stdin() {
		return process.getOutputStream();
	}

	FfmpegProgress progress() {
		return progress;
	}

	/** How long ffmpeg has written no new frame. */
	Duration sinceLastAdvance() {
		return Duration.ofNanos(System.nanoTime() - lastAdvanceNanos);
	}

	boolean isAlive() {
		return process.isAlive();
	}

	long pid() {
		return process.pid();
	}

	int exitCode() {
		return process.exitValue();
	}

	boolean waitFor(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The last lines ffmpeg printed, secrets masked; complete once ffmpeg has exited. */
	String stderrTail() {
		awaitStderr();
		synchronized (tail) {
			return String.join("\n", tail);
		}
	}

	/** The last meaningful ffmpeg error line, or empty. */
	String lastError() {
		awaitStderr();
		synchronized (tail) {
			return tail.stream().filter((l) -> !l.isBlank()).reduce((a, b) -> b).orElse("");
		}
	}

	/**
	 * After exit, lets the drain thread read ffmpeg's final lines: they usually say why
	 * it failed.
	 */
	private void awaitStderr() {
		if (!process.isAlive() && stderrDrain != null) {
			try {
				stderrDrain.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Stops ffmpeg so that it still finalizes its output: end of input or {@code q}
	 * first, then SIGTERM (which ffmpeg also handles by finalizing), and SIGKILL of the
	 * whole tree only as a last resort.
	 * @return how it ended: {@code graceful}, {@code terminated} or {@code killed}
	 */
	String stop(Duration grace) throws InterruptedException {
		if (!process.isAlive()) {
			return "exited";
		}
		requestQuit();
		if (waitFor(grace)) {
			return "graceful";
		}
		log.warn("ffmpeg {} (pid {}) ignored the stop request for {} s; sending SIGTERM", name, pid(),
				grace.toSeconds());
		process.destroy();
		if (waitFor(grace)) {
			return "terminated";
		}
		log.warn("ffmpeg {} (pid {}) ignored SIGTERM; killing it", name, pid());
		kill();
		return "killed";
	}

	private void requestQuit() {
		try {
			OutputStream in = process.getOutputStream();
			if (!stdinIsInput) {
				in.write('q');
				in.flush();
			}
			in.close();
		}
		catch (IOException ex) {
			// Already closed or ffmpeg is exiting: either way nothing more to say to it.
		}
	}

	private void kill() throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		process.waitFor(5, TimeUnit.SECONDS);
	}

	/** Never leaves a process behind: kills and reaps whatever is still running. */
	@Override
	public void close() {
		if (process.isAlive()) {
			try {
				kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// Nothing to do.
		}
	}

	private static long parseLong(String s) {
		try {
			return (s == null || s.equals("N/A")) ? 0 : Long.parseLong(s);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static double parseDouble(String s) {
		try {
			return (s == null || s.equals("N/A")) ? 0 : Double.parseDouble(s);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
