package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camera leases and heartbeats on a real index: a camera has one owner at a time, and
 * another instance takes it over only once the owner's lease ran out or it let go; each
 * take-over counts the lease's generation up. Time passes by moving the stored times back
 * ({@link TestIndex#timePasses}), which works whether the leases are judged by the
 * caller's clock (SQLite) or by the server's (PostgreSQL).
 */
class ClusterTablesTests extends OnTestIndex {

	private static final Duration LEASE = TestIndex.LEASE;

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private int alarms;

	@Override
	Instant now() {
		return NOW;
	}

	private ClusterTables cluster;

	@BeforeEach
	void open() {
		this.cluster = this.db.cluster();
	}

	@Test
	void aCameraHasOneOwnerUntilItsLeaseRunsOutThenAnotherTakesItOver() {
		Instant now = NOW;

		assertThat(acquire("press", "a")).hasValue(1);
		this.db.timePasses(Duration.ofSeconds(5));
		assertThat(acquire("press", "b")).as("a holds it").isEmpty();
		assertThat(acquire("press", "a")).as("a renews").hasValue(1);
		this.db.timePasses(Duration.ofSeconds(7));
		assertThat(acquire("press", "b")).as("renewed at 5 s for 15 s").isEmpty();
		assertThat(this.cluster.cameraOwners(now)).containsEntry("press", "a");

		this.db.timePasses(Duration.ofSeconds(9));
		assertThat(acquire("press", "b")).as("a's lease ran out: taken over, the generation counts up").hasValue(2);
		assertThat(this.cluster.cameraOwners(now)).containsEntry("press", "b");
		assertThat(acquire("press", "a")).isEmpty();
		ClusterTables.Lease lease = this.cluster.lease("press", now).orElseThrow();
		assertThat(lease.previousInstance()).isEqualTo("a");
		assertThat(lease.previousUntil()).isBefore(lease.since());
	}

	@Test
	void aCameraLetGoOrAnInstanceThatLeftIsFreeAtOnce() throws InterruptedException {
		Instant now = NOW;
		acquire("press", "a");
		acquire("gate", "a");

		this.cluster.releaseCamera("press", "a", now);
		assertThat(this.cluster.lease("press", now).orElseThrow().released()).isTrue();
		this.db.timePasses(Duration.ofMillis(1));
		assertThat(acquire("press", "b")).hasValue(2);

		this.cluster.heartbeat("a", null, now);
		this.cluster.leave("a", now);
		this.db.timePasses(Duration.ofMillis(1));
		assertThat(acquire("gate", "b")).hasValue(2);
		assertThat(this.cluster.members(now.minus(LEASE))).isEmpty();
	}

	@Test
	void membersAreTheInstancesWithARecentHeartbeat() {
		Instant now = NOW;
		this.cluster.heartbeat("a", "plant-1", now);
		this.cluster.heartbeat("b", null, now);
		this.db.timePasses(LEASE.plusSeconds(1));
		this.cluster.heartbeat("a", "plant-1", now);

		assertThat(this.cluster.members(now.minus(LEASE))).extracting(ClusterTables.Member::id).containsExactly("a");
	}

	private java.util.OptionalLong acquire(String camera, String instance) {
		return this.cluster.acquireCamera(camera, instance, NOW, NOW.plus(LEASE));
	}

}
