package io.videostore.api;

import java.time.Instant;

import io.videostore.clips.search.AlarmRecording;

/**
 * A recording job of an alarm.
 *
 * @param id the job id
 * @param camera the camera
 * @param state its own state: queued, running, done, partial, failed, expired, rejected
 * or joined
 * @param effectiveState the state of the recording that serves it (for a joined job, the
 * job it joined)
 * @param reason why it ended as it did, or null
 * @param windowStart start of the window it asked for
 * @param windowEnd end of the window it asked for
 * @param joinedJob the job whose recording it shares, or null
 * @param createdAt when it was queued
 * @param startedAt when recording started
 * @param finishedAt when it ended
 * @param clipId its clip, or null
 */
record JobItem(long id, String camera, String state, String effectiveState, String reason, Instant windowStart,
		Instant windowEnd, Long joinedJob, Instant createdAt, Instant startedAt, Instant finishedAt, Long clipId) {

	static JobItem of(AlarmRecording r) {
		return new JobItem(r.jobId(), r.cameraId(), r.state().value(), r.effectiveState().value(), r.reason(),
				r.windowStart(), r.windowEnd(), r.joinedJobId(), r.createdAt(), r.startedAt(), r.finishedAt(),
				(r.clip() != null) ? r.clip().id() : null);
	}

}
