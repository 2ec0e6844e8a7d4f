package io.videostore.ffmpeg;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The one supervised ffmpeg (or ffprobe) process, used by captures, finalizes, probes and
 * buffer segment writers alike: stdout is read on a named daemon thread (as
 * {@code -progress} reports, or kept as text), stderr is drained on another into a
 * bounded tail with secrets masked, and stopping escalates from a polite request
 * ({@code q}, or end of input when stdin carries the camera stream) to SIGTERM to SIGKILL
 * of the whole process tree, which is always reaped.
 */
public final class FfmpegProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FfmpegProcess.class);

	private static final int TAIL_LINES = 30;

	/**
	 * Stdout kept as text is a probe's JSON or a version banner; more is not ffmpeg's.
	 */
	private static final int MAX_STDOUT_BYTES = 4 * 1024 * 1024;

	/** How long the drain threads get, after exit, to read what ffmpeg printed last. */
	private static final long DRAIN_MILLIS = 2000;

	/**
	 * The variables a child keeps; HOME is not one, as ffmpeg reads it only for presets
	 * ({@code -fpre}), which no command uses.
	 */
	private static final List<String> INHERITED = List.of("PATH", "LD_LIBRARY_PATH", "TZ", "LANG", "LC_ALL", "LC_CTYPE",
			"TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR");

	private final Process process;

	private final Options options;

	private final Deque<String> tail = new ArrayDeque<>();

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	private volatile FfmpegProgress progress = FfmpegProgress.NONE;

	private volatile long lastAdvanceNanos = System.nanoTime();

	private Thread stdoutDrain;

	private Thread stderrDrain;

	private FfmpegProcess(Process process, Options options) {
		this.process = process;
		this.options = options;
	}

	/**
	 * How a process is run.
	 *
	 * @param name short name for threads and log lines, e.g. the camera id
	 * @param environment extra environment on top of the little a child inherits (the
	 * bundled build needs its library folder)
	 * @param stdinIsInput true when stdin carries the camera stream: stopping then means
	 * closing it, since a {@code q} would be read as video
	 * @param progress true when the command has {@code -progress pipe:1} and stdout
	 * carries progress reports; false to keep stdout as text ({@link #stdout()})
	 * @param showOutput true to log ffmpeg's own output at INFO
	 * ({@code video.debug_info}), else DEBUG
	 * @param secrets values to mask in any kept or logged line
	 */
	public record Options(String name, Map<String, String> environment, boolean stdinIsInput, boolean progress,
			boolean showOutput, Collection<String> secrets) {

		public Options {
			environment = Map.copyOf(environment);
			secrets = List.copyOf(secrets);
		}

		/**
		 * A short job (probe, version check, finalize): stdout kept, nothing on stdin.
		 */
		public static Options shortJob(String name, Map<String, String> environment) {
			return new Options(name, environment, false, false, false, List.of());
		}

	}

	/** Starts ffmpeg with these binaries' environment. */
	public static FfmpegProcess start(FfmpegBinaries binaries, List<String> command, String name, boolean stdinIsInput,
			boolean showOutput, Collection<String> secrets) throws IOException {
		return start(command,
				new Options(name, binaries.environment(), stdinIsInput, true, showOutput, List.copyOf(secrets)));
	}

	/**
	 * Starts the command; never through a shell, and with only the environment it needs
	 * ({@link #childEnvironment}).
	 */
	public static FfmpegProcess start(List<String> command, Options options) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command);
		Map<String, String> environment = pb.environment();
		Map<String, String> child = childEnvironment(environment, options.environment());
		environment.clear();
		environment.putAll(child);
		FfmpegProcess fp = new FfmpegProcess(pb.start(), options);
		String what = Path.of(command.get(0)).getFileName() + "-" + options.name();
		fp.stdoutDrain = fp.thread(what + "-stdout", options.progress() ? fp::readProgress : fp::keepStdout);
		fp.stderrDrain = fp.thread(what + "-stderr", fp::drainStderr);
		return fp;
	}

	/**
	 * What a child gets of the service's environment: not its secrets
	 * ({@code VIDEOSTORE_WEBHOOKS_SECRET}, IXON and S3 credentials…), only the search and
	 * library paths, time zone, locale and temp folder that ffmpeg may read (TLS trust
	 * for {@code rtsps} included), then the given extra variables.
	 */
	static Map<String, String> childEnvironment(Map<String, String> parent, Map<String, String> extra) {
		Map<String, String> child = new HashMap<>();
		for (String name : INHERITED) {
			String value = parent.get(name);
			if (value != null) {
				child.put(name, value);
			}
		}
		child.putAll(extra);
		return child;
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
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
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

	private void keepStdout() {
		byte[] buffer = new byte[8192];
		try (InputStream in = this.process.getInputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				synchronized (this.stdout) {
					if (this.stdout.size() < MAX_STDOUT_BYTES) {
						this.stdout.write(buffer, 0, Math.min(n, MAX_STDOUT_BYTES - this.stdout.size()));
					}
				}
			}
		}
		catch (IOException ex) {
			// Closed with the process.
		}
	}

	private void update(Map<String, String> block) {
		FfmpegProgress next = new FfmpegProgress(parseLong(block.get("frame")), parseDouble(block.get("fps")),
				parseLong(block.get("total_size")), parseLong(block.get("out_time_us")),
				"end".equals(block.get("progress")));
		if (next.outTimeMicros() > this.progress.outTimeMicros() || next.frames() > this.progress.frames()) {
			this.lastAdvanceNanos = System.nanoTime();
		}
		this.progress = next;
	}

	private void drainStderr() {
		try (BufferedReader r = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				String clean = Redactor.redact(line, this.options.secrets());
				synchronized (this.tail) {
					if (this.tail.size() == TAIL_LINES) {
						this.tail.removeFirst();
					}
					this.tail.addLast(clean);
				}
				if (this.options.showOutput()) {
					log.info("[ffmpeg {}] {}", this.options.name(), clean);
				}
				else {
					log.debug("[ffmpeg {}] {}", this.options.name(), clean);
				}
			}
		}
		catch (IOException ex) {
			// Stream closed with the process.
		}
	}

	/** ffmpeg's stdin: the camera stream when it carries the input. */
	public OutputStream stdin() {
		return this.process.getOutputStream();
	}

	/** The latest {@code -progress} report. */
	public FfmpegProgress progress() {
		return this.progress;
	}

	/** How long ffmpeg has written no new frame. */
	public Duration sinceLastAdvance() {
		return Duration.ofNanos(System.nanoTime() - this.lastAdvanceNanos);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	public int exitCode() {
		return this.process.exitValue();
	}

	/** Waits for the process to exit; false when it still runs after the timeout. */
	public boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * What the process printed on stdout (when not reading progress); complete once it
	 * exited.
	 */
	public String stdout() {
		awaitDrain(this.stdoutDrain);
		synchronized (this.stdout) {
			return this.stdout.toString(StandardCharsets.UTF_8);
		}
	}

	/** The last lines ffmpeg printed, secrets masked; complete once ffmpeg has exited. */
	public String stderrTail() {
		awaitDrain(this.stderrDrain);
		synchronized (this.tail) {
			return String.join("\n", this.tail);
		}
	}

	/** The last meaningful ffmpeg error line, or empty. */
	public String lastError() {
		awaitDrain(this.stderrDrain);
		synchronized (this.tail) {
			return this.tail.stream().filter((l) -> !l.isBlank()).reduce((a, b) -> b).orElse("");
		}
	}

	/**
	 * After exit, lets a drain thread read the final lines: they usually say why it
	 * failed.
	 */
	private void awaitDrain(Thread drain) {
		if (!this.process.isAlive() && drain != null) {
			try {
				drain.join(DRAIN_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Stops ffmpeg so that it still finalizes its output: end of input or {@code q}
	 * first, then SIGTERM (which ffmpeg also handles by finalizing), and SIGKILL of the
	 * whole tree only as a last resort. Even when interrupted, no process is left behind.
	 * @return how it ended: {@code exited}, {@code graceful}, {@code terminated} or
	 * {@code killed}
	 */
	public String stop(Duration grace) throws InterruptedException {
		if (!this.process.isAlive()) {
			return "exited";
		}
		try {
			requestQuit();
			if (waitFor(grace)) {
				return "graceful";
			}
			log.warn("ffmpeg {} (pid {}) ignored the stop request for {} s; sending SIGTERM", this.options.name(),
					pid(), grace.toSeconds());
			this.process.destroy();
			if (waitFor(grace)) {
				return "terminated";
			}
			log.warn("ffmpeg {} (pid {}) ignored SIGTERM; killing it", this.options.name(), pid());
			return "killed";
		}
		finally {
			if (this.process.isAlive()) {
				kill();
			}
		}
	}

	private void requestQuit() {
		try {
			OutputStream in = this.process.getOutputStream();
			if (!this.options.stdinIsInput()) {
				in.write('q');
				in.flush();
			}
			in.close();
		}
		catch (IOException ex) {
			// Already closed or ffmpeg is exiting: either way nothing more to say to it.
		}
	}

	private void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Never leaves a process behind: kills and reaps whatever is still running. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		try {
			this.process.getOutputStream().close();
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
