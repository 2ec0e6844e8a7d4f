package io.videostore.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.videostore.clips.search.AlarmClip;

/**
 * A clip's keeping after a change: where it is, whether retention keeps it, and why its
 * local copy went.
 *
 * @param id the clip id
 * @param location {@code local}, {@code cloud}, {@code both} or {@code deleted}
 * @param protectedClip kept by retention
 * @param deletedReason why its local copy went, or null
 */
record ClipState(long id, String location, @JsonProperty("protected") boolean protectedClip, String deletedReason) {

	static ClipState of(AlarmClip c) {
		return new ClipState(c.id(), c.location(), c.protectedClip(), c.deletedReason());
	}

}
