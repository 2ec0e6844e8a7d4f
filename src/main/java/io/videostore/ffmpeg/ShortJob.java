package io.videostore.ffmpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a short ffmpeg or ffprobe job (version check, probe, finalize, clip assembly) to
 * completion under a {@link FfmpegProcess}, with a timeout: a hung job is killed with its
 * children and never blocks the caller past the timeout.
 */
public final class ShortJob {

	/** What a finished job printed. */
	public record Result(int exitCode, String stdout, String stderr) {

		/** The last non-blank line of stderr, or empty. */
		public String lastError() {
			return this.stderr.lines().filter((l) -> !l.isBlank()).reduce((a, b) -> b).orElse("");
		}

	}

	private ShortJob() {
	}

	/**
	 * Runs the command with this extra environment.
	 * @throws IOException when it cannot start, overruns the timeout or the caller is
	 * interrupted (the process is gone in every case)
	 */
	public static Result run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
		String name = Path.of(command.get(0)).getFileName().toString();
		try (FfmpegProcess p = FfmpegProcess.start(command, FfmpegProcess.Options.shortJob("job", env))) {
			p.stdin().close();
			if (!p.waitFor(timeout)) {
				throw new IOException(name + " took longer than " + timeout.toSeconds() + " s");
			}
			return new Result(p.exitCode(), p.stdout(), p.stderrTail());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * Runs an ffmpeg job that must succeed; throws with ffmpeg's last error line
	 * otherwise.
	 */
	public static void runOrThrow(FfmpegBinaries ffmpeg, List<String> command, Duration timeout) throws IOException {
		Result r = run(command, ffmpeg.environment(), timeout);
		if (r.exitCode() != 0) {
			throw new IOException("ffmpeg failed (exit " + r.exitCode() + "): " + r.lastError());
		}
	}

}
