package io.videostore.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import io.videostore.config.CameraConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moment an alarm's recording window is anchored on, and how long after it a
 * recording is still worth starting. IXON's {@code createdOn} is UTC without an offset,
 * taken from IXON's clock. An alarm cannot have happened after its webhook arrived, so a
 * {@code createdOn} in the future means IXON's clock runs ahead of ours: the arrival time
 * is used instead. Beyond {@code webhooks.clock_skew} that is worth a warning, since the
 * clocks disagree more than the user allowed for.
 */
public final class AlarmTime {

	private static final Logger log = LoggerFactory.getLogger(AlarmTime.class);

	/**
	 * A job that cannot start within this time after the alarm would show nothing
	 * relevant.
	 */
	static final Duration MAX_START_DELAY = Duration.ofMinutes(5);

	private static final long WARN_EVERY_NANOS = Duration.ofMinutes(10).toNanos();

	private final Duration clockSkew;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	AlarmTime(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Instant anchor(LocalDateTime createdOn, Instant arrival) {
		Instant created = createdOn.toInstant(ZoneOffset.UTC);
		if (!created.isAfter(arrival)) {
			return created;
		}
		Duration ahead = Duration.between(arrival, created);
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (ahead.compareTo(this.clockSkew) > 0 && now - last >= WARN_EVERY_NANOS
				&& this.lastWarning.compareAndSet(last, now)) {
			log.warn(
					"An alarm's createdOn ({} UTC) is {} s ahead of this machine's clock, more than "
							+ "webhooks.clock_skew ({} s): check this machine's time (NTP). Clips are anchored on the "
							+ "webhook's arrival instead.",
					createdOn, ahead.toMillis() / 1000.0, this.clockSkew.toSeconds());
		}
		return arrival;
	}

	/**
	 * Too long after the alarm to show anything relevant, even allowing for IXON's clock
	 * running behind ours by {@code webhooks.clock_skew}.
	 */
	public boolean expired(Instant alarm, CameraConfig camera, Instant now) {
		Instant latest = alarm.plus(camera.video().duration()).plus(MAX_START_DELAY).plus(this.clockSkew);
		return now.isAfter(latest);
	}

	public static String expiryReason(Instant alarm) {
		return "could not start within " + MAX_START_DELAY.toMinutes() + " min of the alarm at " + alarm
				+ " (late webhook or clock skew)";
	}

	/**
	 * How much earlier than the window a webhook may still be recorded: clocks can
	 * disagree by this much.
	 */
	Duration clockSkew() {
		return this.clockSkew;
	}

}
