/**
 * Clips recorded on demand: the camera is opened when the job's turn comes, captured by a
 * supervised ffmpeg into a crash-safe file, judged by probing and finalized to MP4.
 */
package io.videostore.recording.ondemand;
