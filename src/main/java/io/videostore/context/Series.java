package io.videostore.context;

import java.util.List;

import io.videostore.ixon.data.DataPoint;

/**
 * One tag's points in an alarm's data window.
 *
 * @param source the data source's name
 * @param sourceId its publicId
 * @param tag the tag's name
 * @param slug the tag's slug
 * @param unit its variable's unit, or empty
 * @param type {@code bool}, {@code int}, {@code float} or {@code str}
 * @param logEvent {@code interval}, {@code change} or {@code trigger}
 * @param step drawn as steps (logged on change, or a boolean), else as a line
 * @param points oldest first; a value in force before the window starts it
 */
record Series(String source, String sourceId, String tag, String slug, String unit, String type, String logEvent,
		boolean step, List<DataPoint> points) {
}
