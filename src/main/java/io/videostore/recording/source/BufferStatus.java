package io.videostore.recording.source;

import java.time.Instant;

/**
 * What a camera's pre-roll buffer is doing, for the API.
 *
 * @param state {@code STARTING}, {@code BUFFERING}, {@code RECONNECTING}, {@code FAILED}
 * or {@code CLOSED}
 * @param since when that began
 * @param detail the last error while reconnecting, why it failed, or empty
 */
public record BufferStatus(String state, Instant since, String detail) {

}
