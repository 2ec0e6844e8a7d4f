/**
 * Pre-roll: the clip source that keeps a buffer for every camera with pre-roll, and the
 * assembly of a clip for a window around an alarm from that buffer's segments.
 */
package io.videostore.recording.preroll;
