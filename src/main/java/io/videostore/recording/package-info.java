/**
 * From alarm to clip job: the bounded queue and its two lanes, the workers, the job
 * lifecycle in the index, the alarm window, and the
 * {@link io.videostore.recording.ClipSource} each camera's clips come from; metrics and
 * health of recording.
 */
package io.videostore.recording;
