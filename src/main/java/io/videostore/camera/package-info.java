/**
 * Turns a configured camera (demo, direct URL, IXON web access) into a feed that ffmpeg
 * can read.
 */
package io.videostore.camera;
