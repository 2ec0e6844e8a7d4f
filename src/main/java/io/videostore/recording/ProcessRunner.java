package io.videostore.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short ffmpeg job (remux, probe) to completion with a timeout, killing it if it overruns.
 */
final class ProcessRunner {

	private final FfmpegBinaries binaries;

	ProcessRunner(FfmpegBinaries binaries) {
		this.binaries = binaries;
	}

	/** Runs the command; throws with ffmpeg's last error line when it fails or overruns. */
	void run(List<String> command, Duration timeout) throws IOException {
		Process p = binaries.processBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		try {
			p.getOutputStream().close();
			byte[] err = p.getErrorStream().readNBytes(16 * 1024);
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException("ffmpeg took longer than " + timeout.toSeconds() + " s");
			}
			if (p.exitValue() != 0) {
				String msg = new String(err, StandardCharsets.UTF_8).strip();
				throw new IOException("ffmpeg failed (exit " + p.exitValue() + "): "
						+ msg.lines().reduce((a, b) -> b).orElse(""));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		finally {
			if (p.isAlive()) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
			}
		}
	}

}
