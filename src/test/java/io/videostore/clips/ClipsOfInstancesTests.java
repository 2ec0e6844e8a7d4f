package io.videostore.clips;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances on one index: a clip's local copy is on the disk of the instance that
 * made it, so only that one uploads it, enforces retention on it and reads it from disk.
 */
class ClipsOfInstancesTests extends OnTestIndex {

	private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	@Override
	Instant now() {
		return NOW;
	}

	@Test
	void onlyTheInstanceThatMadeAClipUploadsItKeepsItOrReadsItFromItsDisk() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		TestIndex.Tables first = this.db.asInstance("node-1", clock);
		TestIndex.Tables second = this.db.asInstance("node-2", clock);
		long clip = first.clips()
			.recordClip(new ClipRecord("press", "/app/videos/press.mp4", 3.0, 30, "h264", 640, 360, 1000,
					NOW.minusSeconds(3), NOW, NOW));
		first.uploads().enqueueUpload(clip, "press/press.mp4", NOW);

		assertThat(first.uploads().dueUploads(NOW, 10)).extracting(PendingUpload::clipId).containsExactly(clip);
		assertThat(second.uploads().dueUploads(NOW, 10)).as("the file is not on its disk").isEmpty();
		assertThat(first.clips().localClips()).extracting(LocalClip::path)
			.containsExactly(Path.of("/app/videos/press.mp4"));
		assertThat(second.clips().localClips()).as("the same path on its disk is another file").isEmpty();
		assertThat(first.clips().clipIsHere(clip)).isTrue();
		assertThat(second.clips().clipIsHere(clip)).isFalse();
	}

	@Test
	void aClipMadeAloneBelongsToWhicheverInstanceThereIs() {
		long clip = this.clips.recordClip(new ClipRecord("press", "videos/press.mp4", 3.0, 30, "h264", 640, 360, 1000,
				NOW.minusSeconds(3), NOW, NOW));
		this.uploads.enqueueUpload(clip, "press/press.mp4", NOW);

		TestIndex.Tables later = this.db.asInstance("node-1", Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(later.clips().clipIsHere(clip)).isTrue();
		assertThat(later.uploads().dueUploads(NOW, 10)).hasSize(1);
		assertThat(later.clips().localClips()).hasSize(1);
	}

}
