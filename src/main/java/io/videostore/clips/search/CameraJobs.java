package io.videostore.clips.search;

import java.time.Instant;

/**
 * A camera's jobs as the index knows them.
 *
 * @param queued jobs waiting
 * @param running jobs recording now
 * @param lastFailure the reason of its latest failed job, or null
 * @param lastFailureAt when that job ended, or null
 * @param lastClipAt when its latest clip was stored, or null
 */
public record CameraJobs(long queued, long running, String lastFailure, Instant lastFailureAt, Instant lastClipAt) {

}
