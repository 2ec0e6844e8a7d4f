/**
 * Pre-roll: a per-camera ring of short stream-copied segments on disk, and clips
 * assembled from it for a window around an alarm.
 */
package io.videostore.recording.preroll;
