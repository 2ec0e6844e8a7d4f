package io.videostore.clips;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboxClaimsTests} on PostgreSQL, where leases run by the server's clock.
 */
class OutboxClaimsOnPostgresqlTests extends OutboxClaimsTests {

	@Override
	TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

	@Test
	void anInstanceWhoseClockRunsAheadStillWaitsForTheHoldersLeaseByTheServersClock() throws Exception {
		TestIndex.Tables first = instance("node-1");
		TestIndex.Tables ahead = instance("node-2");
		this.notifications.enqueueNotification("https://a.example/hook", null, "{\"n\":1}", NOW);
		this.uploads.enqueueUpload(this.clips.recordClip(new ClipRecord("press", "videos/a.mp4", 3.0, 30, "h264", 640,
				360, 1000, NOW.minusSeconds(3), NOW, NOW)), "press/a.mp4", NOW);

		assertThat(first.notifications().claimNotifications(NOW, Duration.ofSeconds(30), 1)).hasSize(1);
		assertThat(first.uploads().claimUploads(NOW, Duration.ofSeconds(30), 1)).hasSize(1);

		assertThat(ahead.notifications().claimNotifications(NOW.plus(Duration.ofHours(1)), Duration.ofSeconds(30), 1))
			.isEmpty();
		assertThat(ahead.uploads().claimUploads(NOW.plus(Duration.ofHours(1)), Duration.ofSeconds(30), 1)).isEmpty();
	}

}
