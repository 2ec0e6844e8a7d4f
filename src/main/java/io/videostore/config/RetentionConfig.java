package io.videostore.config;

import java.time.Duration;

/**
 * How long and how much clips stay on the local disk ({@code storage.retention}).
 *
 * @param maxAge clips older than this are deleted locally, or null for no limit
 * @param maxBytes the clips of an output folder may take this much at most, or null for
 * no limit
 * @param minFreeBytes below this much free space clips are deleted, oldest first, even
 * those not yet uploaded
 * @param keepNewest the newest clip of each alarm stored within this long is not deleted
 * to make room above the recording floor
 */
public record RetentionConfig(Duration maxAge, Long maxBytes, long minFreeBytes, Duration keepNewest) {

	/**
	 * Twice the 128 MB under which no recording starts: clips give way before alarms lose
	 * theirs.
	 */
	public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;

	/** A day: the last day's alarms each keep their newest clip. */
	public static final Duration DEFAULT_KEEP_NEWEST = Duration.ofHours(24);

	public static final RetentionConfig DEFAULTS = new RetentionConfig(null, null, DEFAULT_MIN_FREE_BYTES);

	/** With the default {@code keep_newest}. */
	public RetentionConfig(Duration maxAge, Long maxBytes, long minFreeBytes) {
		this(maxAge, maxBytes, minFreeBytes, DEFAULT_KEEP_NEWEST);
	}

}
