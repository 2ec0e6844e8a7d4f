/**
 * From alarm to clip job: the bounded queue and its two lanes, the workers, the job
 * lifecycle in the index and its recovery after a restart, the alarm time, the cameras
 * this instance owns, and the clip sources each camera's clips come from; metrics and
 * health of recording.
 */
package io.videostore.recording;
