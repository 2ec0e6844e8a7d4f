package io.videostore.system;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.coyote.Adapter;
import org.apache.coyote.Processor;
import org.apache.coyote.RequestInfo;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 connector with a deadline for receiving a request's head: a
 * connection that has sent bytes but no complete request line and headers for
 * {@code headerTimeout} ms is closed.
 * <p>
 * Tomcat has no such deadline: its {@code connectionTimeout} is an idle timeout restarted
 * by every byte read, so a client trickling a header byte every few seconds (slowloris)
 * keeps its connection, and with enough of them every {@code maxConnections} slot, for
 * ever. A processor here notes when a connection's bytes did not complete a request
 * (request line, headers, or only blank lines) and forgets it once one does; a task on
 * Tomcat's utility executor closes those waiting too long, as Tomcat's own read timeout
 * does. A kept-alive connection with nothing sent is not affected: Tomcat's
 * {@code keepAliveTimeout} still governs it. Public with a no-argument constructor
 * because Tomcat instantiates its protocol by class name.
 */
public class HeaderDeadlineProtocol extends Http11NioProtocol {

	private static final Logger log = LoggerFactory.getLogger(HeaderDeadlineProtocol.class);

	private static final long REPORT_EVERY_MILLIS = 60_000;

	/** Connections whose bytes have not completed a request yet, and since when. */
	private final Map<SocketWrapperBase<NioChannel>, Long> waiting = new ConcurrentHashMap<>();

	private final AtomicInteger closedSinceReport = new AtomicInteger();

	private volatile long headerTimeout = 10_000;

	private volatile ScheduledFuture<?> sweeper;

	private long lastReport;

	/** Milliseconds a connection may take to send a request's line and headers. */
	public long getHeaderTimeout() {
		return headerTimeout;
	}

	public void setHeaderTimeout(long millis) {
		this.headerTimeout = millis;
	}

	@Override
	protected Processor createProcessor() {
		return new DeadlineProcessor(getAdapter());
	}

	@Override
	public void start() throws Exception {
		super.start();
		long period = Math.max(100, Math.min(1000, headerTimeout / 4));
		sweeper = getUtilityExecutor().scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() throws Exception {
		ScheduledFuture<?> task = sweeper;
		if (task != null) {
			task.cancel(false);
		}
		waiting.clear();
		super.stop();
	}

	private void sweep() {
		try {
			long now = System.currentTimeMillis();
			waiting.forEach((socket, since) -> {
				if (socket.isClosed()) {
					waiting.remove(socket, since);
				}
				// A locked socket is on a worker thread right now: its next state
				// decides.
				else if (now - since > headerTimeout && !socket.getLock().isLocked() && waiting.remove(socket, since)) {
					close(socket);
				}
			});
			report(now);
		}
		catch (RuntimeException ex) {
			// A failed run would cancel the schedule: log and keep sweeping.
			log.warn("Closing connections past their header deadline failed: {}", ex.toString());
		}
	}

	/**
	 * As Tomcat's read timeout does (NioEndpoint.Poller#timeout): the connection's
	 * handler closes it and recycles its processor on a worker thread, logging nothing.
	 */
	private void close(SocketWrapperBase<NioChannel> socket) {
		closedSinceReport.incrementAndGet();
		socket.setError(new SocketTimeoutException());
		if (!getEndpoint().processSocket(socket, SocketEvent.ERROR, true)) {
			socket.close();
		}
	}

	/** One line a minute at most, however many connections a flood brings. */
	private void report(long now) {
		if (now - lastReport < REPORT_EVERY_MILLIS || closedSinceReport.get() == 0) {
			return;
		}
		lastReport = now;
		log.info("Closed {} connection(s) that did not send a complete request head within {} ms (slow or "
				+ "stalled clients, or a slowloris attack)", closedSinceReport.getAndSet(0), headerTimeout);
	}

	private final class DeadlineProcessor extends Http11Processor {

		DeadlineProcessor(Adapter adapter) {
			super(HeaderDeadlineProtocol.this, adapter);
		}

		/**
		 * Called for each read event while no request is being served; it returns once
		 * the bytes are used up. The request count tells whether they completed one.
		 */
		@Override
		@SuppressWarnings("unchecked")
		public SocketState service(SocketWrapperBase<?> socket) throws IOException {
			RequestInfo requests = getRequest().getRequestProcessor();
			int served = requests.getRequestCount();
			SocketState state = super.service(socket);
			boolean incomplete = (state == SocketState.OPEN || state == SocketState.LONG) && !isAsync()
					&& requests.getRequestCount() == served;
			if (incomplete) {
				waiting.putIfAbsent((SocketWrapperBase<NioChannel>) socket, System.currentTimeMillis());
			}
			else {
				waiting.remove(socket);
			}
			return state;
		}

	}

}
