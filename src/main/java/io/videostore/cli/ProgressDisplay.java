package io.videostore.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.videostore.recording.source.RecordingProgress;

/**
 * Live recording progress: a redrawn bar on a terminal, plain lines once a second
 * otherwise (logs, CI). Hand-written: it is one line of text, and progress-bar libraries
 * bring a terminal library along.
 */
final class ProgressDisplay implements RecordingProgress.Listener {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private final boolean terminal;

	private long lastPlainLine;

	private boolean drawn;

	private ProgressDisplay(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	static ProgressDisplay forConsole(PrintStream out) {
		return new ProgressDisplay(out, System.console() != null);
	}

	@Override
	public void onProgress(RecordingProgress p) {
		if (terminal) {
			int filled = (int) Math.round(WIDTH * Math.min(1, p.seconds() / p.totalSeconds()));
			out.printf(Locale.ROOT, "\r[%s%s] %5.1f/%.1f s  %4.1f fps  %s   ", "#".repeat(filled),
					" ".repeat(WIDTH - filled), p.seconds(), p.totalSeconds(), p.fps(), size(p.bytes()));
			out.flush();
			drawn = true;
		}
		else if (System.nanoTime() - lastPlainLine >= 1_000_000_000L) {
			lastPlainLine = System.nanoTime();
			out.printf(Locale.ROOT, "recorded %.1f of %.1f s, %.1f fps, %d frames, %s%n", p.seconds(), p.totalSeconds(),
					p.fps(), p.frames(), size(p.bytes()));
		}
	}

	@Override
	public void onCaptureEnded() {
		if (drawn) {
			out.println();
			drawn = false;
		}
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
	}

}
