package io.videostore.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short ffmpeg/ffprobe job (version check, probe, finalize) to completion with a
 * timeout. Output goes to temporary files, not pipes, so a hung process can never block
 * the caller past the timeout; an overrunning process is killed with its children.
 */
public final class ProcessRunner {

	/** What a finished job printed. */
	record Result(int exitCode, String stdout, String stderr) {

		/** The last non-blank line of stderr, or empty. */
		String lastError() {
			return stderr.lines().filter((l) -> !l.isBlank()).reduce((a, b) -> b).orElse("");
		}

	}

	private ProcessRunner() {
	}

	static Result run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
		Path out = Files.createTempFile("videostore-out-", ".txt");
		Path err = Files.createTempFile("videostore-err-", ".txt");
		Process p = null;
		try {
			ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
			pb.environment().putAll(env);
			p = pb.start();
			p.getOutputStream().close();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException(
						Path.of(command.get(0)).getFileName() + " took longer than " + timeout.toSeconds() + " s");
			}
			return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		finally {
			if (p != null && p.isAlive()) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
			}
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
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
