package io.videostore.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that runs a pass whenever it is woken or {@code idle} has passed,
 * and keeps going whatever a pass throws: the outboxes in the index (uploads, "clip
 * ready" messages), the alarms' context, the cluster's rounds, job outcomes waiting for
 * the index. A wake during a pass is not lost: the next pass follows at once.
 */
public final class PeriodicWorker {

	/** One pass over what is due. */
	@FunctionalInterface
	public interface Pass {

		/** Works off what is due; false when nothing was. */
		boolean run() throws InterruptedException;

	}

	private static final Logger log = LoggerFactory.getLogger(PeriodicWorker.class);

	private final String name;

	private final Duration idle;

	private final Pass pass;

	private final Object signal = new Object();

	/** Woken since the last pass began (guarded by {@code signal}). */
	private boolean woken;

	private volatile Thread thread;

	public PeriodicWorker(String name, Duration idle, Pass pass) {
		this.name = name;
		this.idle = idle;
		this.pass = pass;
	}

	public synchronized void start() {
		Thread t = new Thread(this::loop, this.name);
		t.setDaemon(true);
		this.thread = t;
		t.start();
	}

	/** Something new is due: run a pass now rather than after {@code idle}. */
	public void wake() {
		synchronized (this.signal) {
			this.woken = true;
			this.signal.notifyAll();
		}
	}

	public boolean running() {
		return this.thread != null;
	}

	/** Stops the thread, waiting up to {@code grace} for the pass under way. */
	public synchronized void stop(Duration grace) {
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
				synchronized (this.signal) {
					this.woken = false;
				}
				if (!this.pass.run()) {
					synchronized (this.signal) {
						if (!this.woken) {
							this.signal.wait(this.idle.toMillis());
						}
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// Redacted: a pass may fail with a URL or header in its message.
				log.warn("{}: {}", this.name, Redactor.redact(ex.toString()));
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
