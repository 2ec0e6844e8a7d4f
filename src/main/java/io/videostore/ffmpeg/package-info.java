/**
 * The ffmpeg toolkit: finding or unpacking the binaries, building argument lists, the one
 * supervised process, probing, short jobs and cleanup of orphaned processes. Depends on
 * nothing but {@code config} and {@code system}.
 */
package io.videostore.ffmpeg;
