/**
 * The per-camera pre-roll buffer: a supervised ffmpeg keeps the camera open and writes
 * short stream-copied segments into a bounded ring on disk, each with its wall-clock
 * times, reconnecting with backoff; and the footage a killed run left behind.
 */
package io.videostore.recording.preroll.buffer;
