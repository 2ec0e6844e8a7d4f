package io.videostore.clips.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alarm as a search lists it: what IXON said, what became of it, and its recordings.
 *
 * @param id the alarm id
 * @param createdOn IXON's {@code createdOn} (UTC)
 * @param receivedAt when the webhook arrived
 * @param companyId IXON company
 * @param deviceId IXON device id
 * @param deviceName IXON device name
 * @param label IXON system label
 * @param text the alarm text
 * @param outcomeText the stored outcome sentence, or null while undecided
 * @param status the one-word summary
 * @param recordings its jobs in creation order, each with its clip
 * @param secondClips clips of the alarm no job links: recorded by an instance whose claim
 * on the job was taken over meanwhile (several instances), kept beside the job's own
 */
public record AlarmSummary(long id, Instant createdOn, Instant receivedAt, String companyId, String deviceId,
		String deviceName, String label, String text, String outcomeText, AlarmStatus status,
		List<AlarmRecording> recordings, List<AlarmClip> secondClips) {

	public AlarmSummary {
		recordings = List.copyOf(recordings);
		secondClips = List.copyOf(secondClips);
	}

	/** An alarm without second clips. */
	public AlarmSummary(long id, Instant createdOn, Instant receivedAt, String companyId, String deviceId,
			String deviceName, String label, String text, String outcomeText, AlarmStatus status,
			List<AlarmRecording> recordings) {
		this(id, createdOn, receivedAt, companyId, deviceId, deviceName, label, text, outcomeText, status, recordings,
				List.of());
	}

	/** The distinct clips of its recordings, in order, then its second clips. */
	public List<AlarmClip> clips() {
		return java.util.stream.Stream
			.concat(this.recordings.stream().map(AlarmRecording::clip).filter(Objects::nonNull),
					this.secondClips.stream())
			.distinct()
			.toList();
	}

}
