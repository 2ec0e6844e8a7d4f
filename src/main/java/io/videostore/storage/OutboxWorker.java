package io.videostore.storage;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread that works off an outbox in the index (uploads, "clip ready"
 * messages): it runs a pass whenever it is woken or {@code idle} has passed, and keeps
 * going whatever a pass throws.
 */
final class OutboxWorker {

	/** One pass over what is due. */
	@FunctionalInterface
	interface Pass {

		/** Works off what is due; false when nothing was. */
		boolean run() throws InterruptedException;

	}

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private final String name;

	private final Duration idle;

	private final Pass pass;

	private final Object signal = new Object();

	private volatile Thread thread;

	OutboxWorker(String name, Duration idle, Pass pass) {
		this.name = name;
		this.idle = idle;
		this.pass = pass;
	}

	synchronized void start() {
		Thread t = new Thread(this::loop, this.name);
		t.setDaemon(true);
		this.thread = t;
		t.start();
	}

	/** Something new is due: run a pass now rather than after {@code idle}. */
	void wake() {
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	boolean running() {
		return this.thread != null;
	}

	/** Stops the thread, waiting up to {@code grace} for the pass under way. */
	synchronized void stop(Duration grace) {
		Thread t = this.thread;
		this.thread = null;
		if (t == null) {
			return;
		}
		t.interrupt();
		try {
			t.join(grace.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void loop() {
		while (this.thread == Thread.currentThread()) {
			try {
				if (!this.pass.run()) {
					synchronized (this.signal) {
						this.signal.wait(this.idle.toMillis());
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("{}: {}", this.name, ex.toString());
				try {
					Thread.sleep(this.idle.toMillis());
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

}
