package io.videostore.testcam;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Samples the command lines and arguments of this JVM's child processes every 25 ms while
 * open, so tests can look for secrets in what {@code ps} would have shown.
 */
public final class CommandLineSampler implements AutoCloseable {

	private final Thread thread;

	private volatile boolean running = true;

	/** Samples every child process. */
	public CommandLineSampler(Set<String> into) {
		this(into, (p) -> true);
	}

	/** Samples the child processes that {@code which} accepts. */
	public CommandLineSampler(Set<String> into, Predicate<ProcessHandle> which) {
		this.thread = new Thread(() -> {
			while (running) {
				ProcessHandle.current().descendants().filter(which).forEach((p) -> {
					p.info().commandLine().ifPresent(into::add);
					p.info().arguments().ifPresent((a) -> into.add(String.join(" ", a)));
				});
				try {
					Thread.sleep(25);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "command-line-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		thread.join(2000);
	}

}
