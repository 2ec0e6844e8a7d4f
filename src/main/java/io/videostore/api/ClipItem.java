package io.videostore.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.videostore.clips.search.AlarmClip;

/**
 * A clip in the API: its file's name (never its folder), the stretch of time it shows,
 * where it is kept and its links.
 *
 * @param id the clip id
 * @param camera the camera it was recorded from
 * @param file the file's name
 * @param durationSeconds its duration
 * @param sizeBytes its size
 * @param width frame width
 * @param height frame height
 * @param codec video codec
 * @param windowStart the first moment it shows
 * @param windowEnd the last moment it shows
 * @param alarmOffsetSeconds where in it the alarm is, from its start: negative when the
 * clip starts after the alarm (a clip recorded on demand starts when the camera answers),
 * null without an alarm time
 * @param location {@code local}, {@code cloud}, {@code both} or {@code deleted}
 * @param protectedClip kept by retention
 * @param deletedReason why its local copy went, or null
 * @param links its video and thumbnail while it can be played
 */
record ClipItem(long id, String camera, String file, double durationSeconds, long sizeBytes, int width, int height,
		String codec, Instant windowStart, Instant windowEnd, Double alarmOffsetSeconds, String location,
		@JsonProperty("protected") boolean protectedClip, String deletedReason, Map<String, String> links) {

	static ClipItem of(AlarmClip c, Instant alarmAt) {
		return new ClipItem(c.id(), c.cameraId(), c.fileName(), c.durationSeconds(), c.sizeBytes(), c.width(),
				c.height(), c.codec(), c.windowStart(), c.windowEnd(), offset(c, alarmAt), c.location(),
				c.protectedClip(), c.deletedReason(), Links.forClip(c));
	}

	/**
	 * The alarm's moment in the clip, in seconds from its start: negative when the clip
	 * starts after it, at most the clip's end.
	 */
	static Double offset(AlarmClip c, Instant alarmAt) {
		if (alarmAt == null || c.windowStart() == null) {
			return null;
		}
		double seconds = Duration.between(c.windowStart(), alarmAt).toMillis() / 1000.0;
		return Math.min(seconds, c.durationSeconds());
	}

}
