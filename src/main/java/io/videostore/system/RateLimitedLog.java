package io.videostore.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;

/**
 * At most a few lines a minute about what clients did wrong (a refused webhook, a bad
 * request), however many they send: a flood of bad requests must not fill the disk the
 * clips live on. Past the limit, lines are counted, and the next line that is written
 * says how many were left out.
 */
public final class RateLimitedLog {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final Logger log;

	private final int perMinute;

	private final Clock clock;

	private Instant windowStart = Instant.MIN;

	private int written;

	private long suppressed;

	public RateLimitedLog(Logger log, int perMinute, Clock clock) {
		this.log = log;
		this.perMinute = perMinute;
		this.clock = clock;
	}

	/** Logs the line at INFO unless this minute's lines are used up. */
	public void info(String format, Object... args) {
		log(false, format, args);
	}

	/** Logs the line at WARN unless this minute's lines are used up. */
	public void warn(String format, Object... args) {
		log(true, format, args);
	}

	private void log(boolean warn, String format, Object... args) {
		long left = admit();
		if (left < 0) {
			return;
		}
		String line = (left > 0) ? format + " ({} similar line(s) left out in the last minute)" : format;
		Object[] all = (left > 0) ? append(args, left) : args;
		if (warn) {
			this.log.warn(line, all);
		}
		else {
			this.log.info(line, all);
		}
	}

	/**
	 * -1 to leave the line out, else how many were left out before it (reported with it).
	 */
	private synchronized long admit() {
		Instant now = this.clock.instant();
		if (!now.isBefore(this.windowStart.plus(WINDOW))) {
			this.windowStart = now;
			this.written = 0;
		}
		if (this.written >= this.perMinute) {
			this.suppressed++;
			return -1;
		}
		this.written++;
		long left = this.suppressed;
		this.suppressed = 0;
		return left;
	}

	private static Object[] append(Object[] args, Object last) {
		Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = last;
		return all;
	}

}
