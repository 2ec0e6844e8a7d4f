package io.videostore.system;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The start and stop order of the service's running parts, in one place. Spring starts
 * {@link SmartLifecycle} beans by ascending phase and stops them by descending phase, so
 * each line below starts after the one above it and stops before it. Beans without a
 * phase of their own (the background loops: uploader, notifier, retention, jobless
 * alarms) run at {@link SmartLifecycle#DEFAULT_PHASE}: they start last and stop first.
 */
public final class Phases {

	/**
	 * {@code recording.preroll.PreRollRecorder}: the pre-roll buffers start before the
	 * recording queue and stop after it, so queued alarms still find their footage.
	 */
	public static final int PRE_ROLL = SmartLifecycle.DEFAULT_PHASE - 8192;

	/**
	 * {@code recording.OutcomeWriter}: outcomes kept while the index was away are written
	 * until after the queue and its workers have stopped.
	 */
	public static final int OUTCOMES = SmartLifecycle.DEFAULT_PHASE - 4097;

	/**
	 * {@code recording.RecordingQueue}: opens before the web server and closes after it,
	 * so no accepted request finds the queue closed.
	 */
	public static final int QUEUE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * {@code recording.RestartRecovery} (the previous run's jobs) and
	 * {@code webhook.UnqueuedJobs} (jobs of stored alarms the index failed to take):
	 * right after the queue opens, before the web server; they stop before the queue.
	 */
	public static final int AFTER_QUEUE = SmartLifecycle.DEFAULT_PHASE - 4095;

	/**
	 * {@code recording.cluster.ClusterMember}: joins the cluster once the previous run's
	 * jobs are recovered, before the web server; leaves after the workers and the web
	 * server have stopped.
	 */
	public static final int CLUSTER = SmartLifecycle.DEFAULT_PHASE - 4094;

	/**
	 * Spring Boot's embedded web server (Tomcat) starts and stops here
	 * ({@code DEFAULT_PHASE - 2048}), for reference; its graceful shutdown, which lets
	 * the requests in progress finish, runs before that stop
	 * ({@link WebServerApplicationContext#GRACEFUL_SHUTDOWN_PHASE}, {@code - 1024}).
	 */
	public static final int WEB_SERVER = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;

	/**
	 * {@code recording.RecordingWorkers}: start after the web server and stop before it:
	 * while running recordings drain at a stop, alarms are still accepted and stored (and
	 * left queued for the next start), never refused by a closed port.
	 */
	public static final int WORKERS = SmartLifecycle.DEFAULT_PHASE - 512;

	private Phases() {
	}

}
