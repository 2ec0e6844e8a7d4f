package io.videostore.clips.db;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.videostore.system.Redactor;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The health components' questions to the index database, each answered within
 * {@link #WAIT} or not at all: when the database does not answer, the first component to
 * ask waits that long, and for {@link #REMEMBER} after, the others answer at once that it
 * did not, so that the whole health answer comes within seconds however many components
 * ask the database.
 * <p>
 * Hand-written because Spring Boot (4.0) calls the health indicators one after another
 * and has no timeout or parallel option for them (spring-boot#43449, #2652 are open).
 * Without it, during an outage every component waited for a connection (Hikari's 5 s
 * {@code connectionTimeout}) in turn: health took 21–22 s.
 * <p>
 * A question that outlives its wait goes on in the background until the pool's own
 * timeout ends it; at most {@link #THREADS} run at once, and a question that finds them
 * all busy (many health calls at once) is asked on the caller's thread.
 */
public final class HealthQueries {

	/** How long a health component waits for the database's answer. */
	public static final Duration WAIT = Duration.ofSeconds(2);

	/**
	 * How long the components answer at once, without asking, after the database did not
	 * answer: longer than one health call takes.
	 */
	public static final Duration REMEMBER = Duration.ofSeconds(3);

	static final int THREADS = 4;

	private final Duration wait;

	private final Duration remember;

	private final ThreadPoolExecutor threads;

	/** When and how the database last did not answer; null for never. */
	private volatile Silence silence;

	public HealthQueries() {
		this(WAIT, REMEMBER);
	}

	HealthQueries(Duration wait, Duration remember) {
		this.wait = wait;
		this.remember = remember;
		this.threads = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
			Thread thread = new Thread(task, "health-query");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The database's answer to {@code question}.
	 * @throws NoAnswer when it did not answer within {@link #WAIT}, now or moments ago
	 * @throws Exception what the question threw
	 */
	public <T> T ask(Callable<T> question) throws Exception {
		Silence last = this.silence;
		long now = System.nanoTime();
		if (last != null && now - last.at() < this.remember.toNanos()) {
			throw new NoAnswer(
					last.reason() + " (" + seconds(Duration.ofNanos(now - last.at())) + " s ago; not asked again yet)");
		}
		Future<T> answer;
		try {
			answer = this.threads.submit(question);
		}
		catch (RejectedExecutionException ex) {
			// Busy with other callers' questions (many health calls at once), which says
			// nothing about the database: asked here instead, bounded by the pool's own
			// connection timeout.
			try {
				return question.call();
			}
			catch (DataAccessResourceFailureException unreachable) {
				throw silent("the database could not be reached: " + Redactor.redact(rootMessage(unreachable)));
			}
		}
		try {
			return answer.get(this.wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw silent("the database did not answer within " + seconds(this.wait) + " s");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof DataAccessResourceFailureException unreachable) {
				// No connection, or one the server ended: the others would fail alike.
				throw silent("the database could not be reached: " + Redactor.redact(rootMessage(unreachable)));
			}
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private NoAnswer silent(String reason) {
		this.silence = new Silence(System.nanoTime(), reason);
		return new NoAnswer(reason);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	/** The database did not answer at {@code at} ({@link System#nanoTime()}). */
	private record Silence(long at, String reason) {
	}

	private static String seconds(Duration d) {
		return String.valueOf(Math.round(d.toMillis() / 100.0) / 10.0).replaceAll("\\.0$", "");
	}

	/** Stops the threads of questions still waiting for their answer. */
	public void close() {
		this.threads.shutdownNow();
	}

	/**
	 * The database did not answer a health component in time; the message says so, for
	 * the component's details.
	 */
	public static final class NoAnswer extends Exception {

		NoAnswer(String message) {
			super(message);
		}

	}

}
