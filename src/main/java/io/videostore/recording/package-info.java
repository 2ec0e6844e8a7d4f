/**
 * Records clips with a supervised ffmpeg and judges them by probing the file.
 */
package io.videostore.recording;
