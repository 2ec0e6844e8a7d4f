package io.videostore.clips;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The upload and "clip ready" outboxes in the index (SQLite; PostgreSQL in a subclass):
 * what is due when, in which order, and what each outcome leaves behind.
 */
class OutboxTests extends OnTestIndex {

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	@Override
	Instant now() {
		return NOW;
	}

	@Test
	void aClipEntersTheUploadOutboxOnceAndIsDueWithItsAlarmUntilItIsUploaded() {
		long alarm = this.alarms
			.recordAlarm(TestIndex.alarm(NOW, LocalDateTime.of(2026, 11, 26, 11, 59, 58), "k", "accepted"));
		long job = this.jobs.createJob(alarm, "press", JobState.RUNNING, NOW, NOW.plusSeconds(10), null);
		long clip = clip("a.mp4");
		this.jobs.jobFinished(job, JobState.DONE, null, clip, NOW);
		long other = clip("b.mp4");

		this.uploads.enqueueUpload(clip, "press/a.mp4", NOW);
		this.uploads.enqueueUpload(clip, "press/again.mp4", NOW.plusSeconds(1));
		this.uploads.enqueueUpload(other, "press/b.mp4", NOW.plusSeconds(2));

		assertThat(this.uploads.dueUploads(NOW.plusSeconds(5), 10))
			.extracting(PendingUpload::clipId, PendingUpload::objectKey, PendingUpload::alarmId,
					PendingUpload::deviceName, PendingUpload::createdOn)
			.containsExactly(tuple(clip, "press/a.mp4", alarm, "Press 7", LocalDateTime.of(2026, 11, 26, 11, 59, 58)),
					tuple(other, "press/b.mp4", null, null, null));
		assertThat(this.uploads.dueUploads(NOW.plusSeconds(5), 1)).hasSize(1);
		assertThat(this.uploads.uploadBacklog()).isEqualTo(new UploadOutbox.UploadBacklog(2, NOW));

		long first = this.uploads.dueUploads(NOW, 1).get(0).id();
		this.uploads.uploadFailed(first, "connection refused", NOW.plusSeconds(60));
		assertThat(this.uploads.dueUploads(NOW.plusSeconds(30), 10)).extracting(PendingUpload::clipId)
			.containsExactly(other);
		assertThat(this.db.upload(clip))
			.isEqualTo(new TestIndex.UploadRow("press/a.mp4", "pending", 1, "connection refused"));

		this.uploads.uploadDone(first, clip, NOW.plusSeconds(61), null);
		long second = this.uploads.dueUploads(NOW.plusSeconds(61), 1).get(0).id();
		this.uploads.uploadDone(second, other, NOW.plusSeconds(62), "keep_local: false");

		assertThat(this.uploads.uploadedKey(clip)).contains("press/a.mp4");
		assertThat(this.clips.clip(clip).orElseThrow().location()).isEqualTo("both");
		assertThat(this.clips.clip(other).orElseThrow()).extracting(ClipView::location, ClipView::deletedReason)
			.containsExactly("cloud", "keep_local: false");
		assertThat(this.uploads.uploadBacklog()).isEqualTo(new UploadOutbox.UploadBacklog(0, null));
		assertThat(this.uploads.dueUploads(NOW.plusSeconds(3600), 10)).isEmpty();
	}

	@Test
	void anUploadWhoseFileIsGoneLeavesTheOutboxAsAbandoned() {
		long clip = clip("gone.mp4");
		this.uploads.enqueueUpload(clip, "press/gone.mp4", NOW);

		this.uploads.uploadAbandoned(this.uploads.dueUploads(NOW, 1).get(0).id(), "the local file is gone", NOW);

		assertThat(this.db.upload(clip)).extracting(TestIndex.UploadRow::state, TestIndex.UploadRow::lastError)
			.containsExactly("abandoned", "the local file is gone");
		assertThat(this.uploads.uploadedKey(clip)).isEmpty();
		assertThat(this.uploads.dueUploads(NOW.plusSeconds(60), 10)).isEmpty();
	}

	@Test
	void writersEnqueueingTheSameClipAtOnceAddItOnceAndNoneFails() throws Exception {
		long clip = clip("a.mp4");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> writers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String key = "press/" + i + ".mp4";
			writers.add(pool.submit(() -> {
				start.await();
				this.uploads.enqueueUpload(clip, key, NOW);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> writer : writers) {
			writer.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(this.uploads.dueUploads(NOW, 10)).singleElement()
			.satisfies((u) -> assertThat(u.objectKey()).matches("press/\\d\\.mp4"));
	}

	@Test
	void clipReadyMessagesGoInOrderPerReceiverAfterTheirClipsUpload() {
		long uploading = clip("a.mp4");
		this.uploads.enqueueUpload(uploading, "press/a.mp4", NOW);
		this.notifications.enqueueNotification("https://a.example/hook", uploading, "{\"n\":1}", NOW);
		this.notifications.enqueueNotification("https://a.example/hook", null, "{\"n\":2}", NOW);
		this.notifications.enqueueNotification("https://b.example/hook", null, "{\"n\":3}", NOW);

		assertThat(this.notifications.dueNotifications(NOW, 10)).as("a's first waits for its upload, its second for it")
			.extracting(NotificationOutbox.PendingNotification::payload)
			.containsExactly("{\"n\":3}");

		this.uploads.uploadDone(this.uploads.dueUploads(NOW, 1).get(0).id(), uploading, NOW, null);
		List<NotificationOutbox.PendingNotification> due = this.notifications.dueNotifications(NOW, 10);
		assertThat(due)
			.extracting(NotificationOutbox.PendingNotification::payload, NotificationOutbox.PendingNotification::clipId)
			.containsExactly(tuple("{\"n\":1}", uploading), tuple("{\"n\":3}", null));

		this.notifications.notificationFailed(due.get(0).id(), "503", NOW.plusSeconds(30));
		this.notifications.notificationEnded(due.get(1).id(), true, null, NOW);
		assertThat(this.notifications.dueNotifications(NOW.plusSeconds(10), 10)).isEmpty();
		assertThat(this.notifications.dueNotifications(NOW.plusSeconds(30), 10)).singleElement()
			.extracting(NotificationOutbox.PendingNotification::attempts)
			.isEqualTo(1);

		this.notifications.notificationEnded(due.get(0).id(), false, "gave up", NOW.plusSeconds(40));
		assertThat(this.notifications.dueNotifications(NOW.plusSeconds(40), 10))
			.extracting(NotificationOutbox.PendingNotification::payload)
			.containsExactly("{\"n\":2}");
		assertThat(this.notifications.forgetNotifications(NOW.plusSeconds(1))).as("the two that ended").isEqualTo(2);
		assertThat(this.notifications.dueNotifications(NOW.plusSeconds(40), 10)).hasSize(1);
	}

	private long clip(String name) {
		return this.clips.recordClip(new ClipRecord("press", this.folder.resolve(name).toString(), 10.0, 100, "h264",
				640, 360, 1000, NOW, NOW.plusSeconds(10), NOW));
	}

}
