package io.videostore.clips;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outboxes claimed by one instance of several at a time (SQLite; PostgreSQL in a
 * subclass): each "clip ready" message is sent, and each clip uploaded, by one instance;
 * a dead instance's claim is taken over after its lease; messages to one receiver still
 * go in order.
 */
class OutboxClaimsTests extends OnTestIndex {

	static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

	static final Duration LEASE = Duration.ofSeconds(1);

	@Override
	Instant now() {
		return NOW;
	}

	TestIndex.Tables instance(String id) {
		return this.db.asInstance(id, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/**
	 * The time to pass once a lease taken at {@link #NOW} ran out: on SQLite leases are
	 * judged by the time passed in; on PostgreSQL by the server's clock, so the lease
	 * really has to pass.
	 */
	Instant afterLease() throws InterruptedException {
		if (database() == TestDatabase.POSTGRESQL) {
			Thread.sleep(LEASE.toMillis() + 300);
		}
		return NOW.plus(LEASE).plusSeconds(1);
	}

	@Test
	void instancesClaimingAtOnceSendEachClipReadyMessageExactlyOnce() throws Exception {
		int messages = 300;
		for (int i = 0; i < messages; i++) {
			// Receivers of their own and shared ones: order holds messages back too.
			this.notifications.enqueueNotification("https://r" + (i % 60) + ".example/hook", null, "{\"n\":" + i + "}",
					NOW);
		}
		Map<Long, AtomicInteger> sends = new ConcurrentHashMap<>();
		List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
		Map<String, Long> lastPerReceiver = new ConcurrentHashMap<>();
		TestIndex.Tables[] instances = { instance("node-1"), instance("node-2"), instance("node-3") };
		ExecutorService pool = Executors.newFixedThreadPool(instances.length * 2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> claimers = new ArrayList<>();
		for (int t = 0; t < instances.length * 2; t++) {
			NotificationOutbox outbox = instances[t % instances.length].notifications();
			claimers.add(pool.submit(() -> {
				start.await();
				int idle = 0;
				while (idle < 20) {
					List<NotificationOutbox.PendingNotification> claimed = outbox.claimNotifications(NOW,
							Duration.ofMinutes(5), 3);
					idle = claimed.isEmpty() ? idle + 1 : 0;
					for (NotificationOutbox.PendingNotification n : claimed) {
						sends.computeIfAbsent(n.id(), (id) -> new AtomicInteger()).incrementAndGet();
						Long before = lastPerReceiver.put(n.url(), n.id());
						if (before != null && before > n.id()) {
							outOfOrder.add(n.url() + ": " + n.id() + " after " + before);
						}
						outbox.notificationEnded(n.id(), true, null, NOW);
					}
					if (claimed.isEmpty()) {
						Thread.sleep(5);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> claimer : claimers) {
			claimer.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(sends).hasSize(messages);
		assertThat(sends.entrySet()).as("messages sent more than once")
			.filteredOn((e) -> e.getValue().get() != 1)
			.isEmpty();
		assertThat(outOfOrder).isEmpty();
	}

	@Test
	void aMessageAnotherInstanceHoldsIsLeftToItAndTakenOverOnlyAfterItsLease() throws Exception {
		TestIndex.Tables first = instance("node-1");
		TestIndex.Tables second = instance("node-2");
		this.notifications.enqueueNotification("https://a.example/hook", null, "{\"n\":1}", NOW);

		assertThat(first.notifications().claimNotifications(NOW, LEASE, 10)).hasSize(1);
		assertThat(second.notifications().claimNotifications(NOW, LEASE, 10)).as("node-1 holds it").isEmpty();
		assertThat(first.notifications().claimNotifications(NOW, LEASE, 10))
			.as("a claim is one send, even on its own instance")
			.isEmpty();

		Instant later = afterLease();
		assertThat(second.notifications().claimNotifications(later, LEASE, 10)).as("node-1 died holding it")
			.extracting(NotificationOutbox.PendingNotification::payload)
			.containsExactly("{\"n\":1}");
		assertThat(first.notifications().claimNotifications(later, LEASE, 10)).as("node-2 holds it now").isEmpty();
	}

	@Test
	void aFailedOrSentMessageLetsGoOfItsClaimAndTheNextToItsReceiverFollowsOnAnyInstance() {
		TestIndex.Tables first = instance("node-1");
		TestIndex.Tables second = instance("node-2");
		this.notifications.enqueueNotification("https://a.example/hook", null, "{\"n\":1}", NOW);
		this.notifications.enqueueNotification("https://a.example/hook", null, "{\"n\":2}", NOW);

		long one = first.notifications().claimNotifications(NOW, LEASE, 10).get(0).id();
		assertThat(second.notifications().claimNotifications(NOW, LEASE, 10)).as("the second waits for the first")
			.isEmpty();

		first.notifications().notificationFailed(one, "503", NOW.plusSeconds(5));
		assertThat(claim("notification", one)).containsExactly(null, null);
		assertThat(second.notifications().claimNotifications(NOW.plusSeconds(5), LEASE, 10))
			.as("unclaimed, due again, on whichever instance")
			.extracting(NotificationOutbox.PendingNotification::id, NotificationOutbox.PendingNotification::attempts)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(one, 1));

		second.notifications().notificationEnded(one, true, null, NOW.plusSeconds(5));
		assertThat(claim("notification", one)).containsExactly(null, null);
		assertThat(first.notifications().claimNotifications(NOW.plusSeconds(5), LEASE, 10))
			.extracting(NotificationOutbox.PendingNotification::payload)
			.containsExactly("{\"n\":2}");
	}

	@Test
	void aClipMadeBeforeInstancesWereToldApartIsUploadedByOneInstanceAtATime() throws Exception {
		List<Long> clips = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			long clip = this.clips.recordClip(new ClipRecord("press", "videos/" + i + ".mp4", 3.0, 30, "h264", 640, 360,
					1000, NOW.minusSeconds(3), NOW, NOW));
			this.uploads.enqueueUpload(clip, "press/" + i + ".mp4", NOW);
			clips.add(clip);
		}
		Map<Long, AtomicInteger> uploads = new ConcurrentHashMap<>();
		TestIndex.Tables[] instances = { instance("node-1"), instance("node-2") };
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> uploaders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			UploadOutbox outbox = instances[t % 2].uploads();
			uploaders.add(pool.submit(() -> {
				start.await();
				List<PendingUpload> claimed;
				while (!(claimed = outbox.claimUploads(NOW, Duration.ofMinutes(5), 1)).isEmpty()) {
					PendingUpload u = claimed.get(0);
					uploads.computeIfAbsent(u.clipId(), (id) -> new AtomicInteger()).incrementAndGet();
					outbox.uploadDone(u.id(), u.clipId(), NOW, null);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> uploader : uploaders) {
			uploader.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();

		assertThat(uploads.keySet()).containsExactlyInAnyOrderElementsOf(clips);
		assertThat(uploads.entrySet()).as("clips uploaded more than once")
			.filteredOn((e) -> e.getValue().get() != 1)
			.isEmpty();
	}

	@Test
	void anUploadIsClaimedOnlyByTheInstanceWhoseDiskHoldsItsClipOrAfterADeadHoldersLease() throws Exception {
		TestIndex.Tables first = instance("node-1");
		TestIndex.Tables second = instance("node-2");
		long mine = first.clips()
			.recordClip(new ClipRecord("press", "/app/videos/a.mp4", 3.0, 30, "h264", 640, 360, 1000,
					NOW.minusSeconds(3), NOW, NOW));
		first.uploads().enqueueUpload(mine, "press/a.mp4", NOW);
		long old = this.clips.recordClip(new ClipRecord("press", "videos/b.mp4", 3.0, 30, "h264", 640, 360, 1000,
				NOW.minusSeconds(3), NOW, NOW));
		this.uploads.enqueueUpload(old, "press/b.mp4", NOW);

		assertThat(first.uploads().claimUploads(NOW, LEASE, 10)).extracting(PendingUpload::clipId)
			.containsExactly(mine, old);
		assertThat(second.uploads().claimUploads(NOW, LEASE, 10)).isEmpty();

		Instant later = afterLease();
		assertThat(second.uploads().claimUploads(later, LEASE, 10)).as("never another disk's clip")
			.extracting(PendingUpload::clipId)
			.containsExactly(old);
		second.uploads()
			.uploadAbandoned(second.uploads().dueUploads(later, 10).get(0).id(), "the local file is gone", later);
		assertThat(claim("upload", old)).as("let go when it ends").containsExactly(null, null);
	}

	/** The claim columns of an outbox row: who holds it, until when. */
	List<String> claim(String outbox, long id) {
		String key = outbox.equals("upload") ? "clip_id" : "id";
		return this.db.jdbc.sql("SELECT claimed_by, lease_until FROM " + outbox + " WHERE " + key + " = :id")
			.param("id", id)
			.query((rs, row) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))
			.single();
	}

}
