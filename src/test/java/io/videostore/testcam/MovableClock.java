package io.videostore.testcam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A UTC clock that tests move forward by hand: frozen at its creation, or following the
 * wall clock with an offset.
 */
public final class MovableClock extends Clock {

	private final boolean followsWallClock;

	/** Whole seconds, as IXON writes createdOn and as the index stores times exactly. */
	private final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private volatile Duration offset = Duration.ZERO;

	private MovableClock(boolean followsWallClock) {
		this.followsWallClock = followsWallClock;
	}

	/** Stands still (at a whole second) until {@link #advance}d. */
	public static MovableClock frozen() {
		return new MovableClock(false);
	}

	/** Runs with the wall clock, plus whatever it was {@link #advance}d by. */
	public static MovableClock followingTheWallClock() {
		return new MovableClock(true);
	}

	public void advance(Duration by) {
		this.offset = this.offset.plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return (this.followsWallClock ? Instant.now() : this.created).plus(this.offset);
	}

}
