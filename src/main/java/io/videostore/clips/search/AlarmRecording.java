package io.videostore.clips.search;

import java.time.Instant;

import io.videostore.clips.JobState;

/**
 * One recording job of an alarm, with the clip that serves it.
 *
 * @param jobId the job id
 * @param cameraId the camera
 * @param state the job's own state
 * @param effectiveState the state of the recording that serves it: its own, or for a
 * joined job the state of the job it joined
 * @param reason why it ended as it did, or null
 * @param windowStart start of the window it asked for
 * @param windowEnd end of the window it asked for
 * @param joinedJobId the job whose recording it shares, or null
 * @param createdAt when it was queued
 * @param startedAt when its recording started, or null
 * @param finishedAt when it ended, or null
 * @param clip its clip, or null
 */
public record AlarmRecording(long jobId, String cameraId, JobState state, JobState effectiveState, String reason,
		Instant windowStart, Instant windowEnd, Long joinedJobId, Instant createdAt, Instant startedAt,
		Instant finishedAt, AlarmClip clip) {

}
