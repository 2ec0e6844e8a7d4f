package io.videostore.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.videostore.clips.search.AlarmClip;
import io.videostore.clips.search.AlarmSummary;

/**
 * An alarm in the list: what IXON said, its outcome in one word and as stored, its clips
 * and links.
 *
 * @param id the alarm id
 * @param createdOn IXON's createdOn (UTC)
 * @param receivedAt when the webhook arrived
 * @param deviceId IXON device id
 * @param deviceName IXON device name
 * @param label system label
 * @param text the alarm text
 * @param outcome one of the outcome words
 * @param outcomeText the stored outcome sentence
 * @param cameras the cameras that were to record it
 * @param clips its clips
 * @param links {@code self}, {@code ui}, and its first clip's {@code video} and
 * {@code thumbnail}
 */
record AlarmItem(long id, Instant createdOn, Instant receivedAt, String deviceId, String deviceName, String label,
		String text, String outcome, String outcomeText, List<String> cameras, List<ClipItem> clips,
		Map<String, String> links) {

	static AlarmItem of(AlarmSummary a) {
		List<AlarmClip> clips = a.clips();
		List<String> cameras = a.recordings().stream().map((r) -> r.cameraId()).distinct().toList();
		return new AlarmItem(a.id(), a.createdOn(), a.receivedAt(), a.deviceId(), a.deviceName(), a.label(), a.text(),
				a.status().value(), a.outcomeText(), cameras,
				clips.stream().map((c) -> ClipItem.of(c, a.createdOn())).toList(), Links.forAlarm(a.id(),
						clips.stream().filter((c) -> !"deleted".equals(c.location())).findFirst().orElse(null)));
	}

}
