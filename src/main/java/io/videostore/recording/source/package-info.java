/**
 * What a clip source gets and gives: the
 * {@link io.videostore.recording.source.ClipSource} contract between the recording queue
 * and the sources (on demand, pre-roll), the job with its alarm window and capture
 * length, and the result, progress and buffer status a source reports.
 */
package io.videostore.recording.source;
