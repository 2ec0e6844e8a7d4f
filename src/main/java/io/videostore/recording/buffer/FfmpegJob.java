package io.videostore.recording.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.videostore.recording.FfmpegBinaries;

/**
 * Runs one short ffmpeg job to completion or kills it at the timeout. Stderr goes to a file so a chatty or hung
 * ffmpeg can never block us. (The recording package's {@code ProcessRunner} does the same but is package-private.)
 */
final class FfmpegJob {

	private FfmpegJob() {
	}

	/** @throws IOException with ffmpeg's last error line when it fails or overruns */
	static void run(FfmpegBinaries ffmpeg, List<String> command, Duration timeout) throws IOException {
		Path err = Files.createTempFile("videostore-concat-", ".txt");
		Process p = null;
		try {
			ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile());
			pb.environment().putAll(ffmpeg.environment());
			p = pb.start();
			p.getOutputStream().close();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException("ffmpeg took longer than " + timeout.toSeconds() + " s");
			}
			if (p.exitValue() != 0) {
				String last = Files.readString(err, StandardCharsets.UTF_8).lines().filter((l) -> !l.isBlank())
					.reduce((a, b) -> b).orElse("no error output");
				throw new IOException("ffmpeg failed (exit " + p.exitValue() + "): " + last);
			}
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
			Files.deleteIfExists(err);
		}
	}

}
