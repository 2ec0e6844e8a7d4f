package io.videostore.clips;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camera leases and heartbeats on a real index: a camera has one owner at a time, and
 * another instance takes it over only once the owner's lease ran out or it let go.
 */
class ClusterTablesTests extends OnTestIndex {

	private static final Duration LEASE = Duration.ofSeconds(10);

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

		assertThat(this.cluster.acquireCamera("press", "a", now, now.plus(LEASE))).isTrue();
		assertThat(this.cluster.acquireCamera("press", "b", now.plusSeconds(5), now.plusSeconds(5).plus(LEASE)))
			.as("a holds it")
			.isFalse();
		assertThat(this.cluster.acquireCamera("press", "a", now.plusSeconds(5), now.plusSeconds(5).plus(LEASE)))
			.as("a renews")
			.isTrue();
		assertThat(this.cluster.acquireCamera("press", "b", now.plusSeconds(12), now.plusSeconds(12).plus(LEASE)))
			.as("renewed until 15 s")
			.isFalse();
		assertThat(this.cluster.cameraOwners(now.plusSeconds(12))).containsEntry("press", "a");

		Instant late = now.plusSeconds(16);
		assertThat(this.cluster.acquireCamera("press", "b", late, late.plus(LEASE))).as("a's lease ran out").isTrue();
		assertThat(this.cluster.cameraOwners(late)).containsEntry("press", "b");
		assertThat(this.cluster.acquireCamera("press", "a", late, late.plus(LEASE))).isFalse();
	}

	@Test
	void aCameraLetGoOrAnInstanceThatLeftIsFreeAtOnce() {
		Instant now = NOW;
		this.cluster.acquireCamera("press", "a", now, now.plus(LEASE));
		this.cluster.acquireCamera("gate", "a", now, now.plus(LEASE));

		this.cluster.releaseCamera("press", "a");
		assertThat(this.cluster.acquireCamera("press", "b", now, now.plus(LEASE))).isTrue();

		this.cluster.heartbeat("a", null, now);
		this.cluster.leave("a");
		assertThat(this.cluster.acquireCamera("gate", "b", now, now.plus(LEASE))).isTrue();
		assertThat(this.cluster.members(now.minus(LEASE))).isEmpty();
	}

	@Test
	void membersAreTheInstancesWithARecentHeartbeat() {
		Instant now = NOW;
		this.cluster.heartbeat("a", "plant-1", now);
		this.cluster.heartbeat("b", null, now.plusSeconds(1));
		this.cluster.heartbeat("a", "plant-1", now.plusSeconds(20));

		assertThat(this.cluster.members(now.plusSeconds(20).minus(LEASE))).extracting(ClusterTables.Member::id)
			.containsExactly("a");
		assertThat(this.cluster.members(now.minusSeconds(1))).extracting(ClusterTables.Member::site)
			.containsExactly("plant-1", null);
	}

}
