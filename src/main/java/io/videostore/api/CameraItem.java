package io.videostore.api;

import java.time.Instant;
import java.util.Map;

import io.videostore.recording.source.BufferStatus;

/**
 * A configured camera and what it is doing; never its URL or credentials.
 *
 * @param id the camera id
 * @param name its name
 * @param source {@code ixon}, {@code url} or {@code demo}
 * @param recording {@code pre-roll} (clips cut from its buffer) or {@code on-demand}
 * @param preRollSeconds seconds before an alarm its clips show
 * @param postRollSeconds seconds after an alarm its clips show (pre-roll)
 * @param durationSeconds clip length when recorded on demand
 * @param buffer its pre-roll buffer's state, or null without one
 * @param queued its jobs waiting
 * @param running its jobs recording now
 * @param lastFailure the reason of its latest failed job, or null
 * @param lastFailureAt when that was
 * @param lastClipAt when its latest clip was stored
 * @param links {@code recordings} (POST: record now) and {@code alarms}
 */
record CameraItem(String id, String name, String source, String recording, double preRollSeconds,
		double postRollSeconds, double durationSeconds, BufferStatus buffer, long queued, long running,
		String lastFailure, Instant lastFailureAt, Instant lastClipAt, Map<String, String> links) {

}
