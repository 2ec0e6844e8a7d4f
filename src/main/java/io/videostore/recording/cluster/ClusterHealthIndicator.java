package io.videostore.recording.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.videostore.clips.ClusterTables;
import io.videostore.clips.JobClaims;
import io.videostore.clips.JobView;
import io.videostore.clips.db.HealthQueries;
import io.videostore.recording.OwnedCameras;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Cluster health: this instance (its id and site, the cameras it owns, the jobs it holds)
 * and the cluster as the shared database shows it (live members, camera leases, queued
 * jobs). DOWN when this instance has not renewed its leases for longer than they last (it
 * stopped recording its cameras then), or when the database does not answer (within
 * {@link HealthQueries#WAIT}). Alone on SQLite: UP, one instance.
 */
@Component("cluster")
class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final OwnedCameras owned;

	private final ClusterTables tables;

	private final JobClaims claims;

	private final ClusterMember member;

	private final Clock clock;

	private final HealthQueries queries;

	ClusterHealthIndicator(OwnedCameras owned, ClusterTables tables, JobClaims claims, ClusterMember member,
			Clock clock, HealthQueries queries) {
		super("Cluster health check failed");
		this.queries = queries;
		this.clock = clock;
		this.owned = owned;
		this.tables = tables;
		this.claims = claims;
		this.member = member;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("instance", this.owned.instanceId());
		if (!this.owned.shared()) {
			builder.up().withDetail("mode", "single instance (SQLite index): it owns every camera");
			return;
		}
		Instant now = this.clock.instant();
		Instant renewed = this.member.renewed();
		boolean current = renewed != null && now.isBefore(renewed.plus(this.owned.lease()));
		(current ? builder.up() : builder.down()).withDetail("mode", "cluster (shared database)")
			.withDetail("site", this.owned.site())
			.withDetail("leasesRenewedAt", (renewed != null) ? renewed.toString() : "never")
			.withDetail("takeoverAfterSeconds", this.owned.lease().toSeconds())
			.withDetail("ownedCameras", this.owned.owned());
		Shared shared;
		try {
			shared = this.queries
				.ask(() -> new Shared(this.claims.mine(this.owned.instanceId()).stream().map(JobView::id).toList(),
						members(now), leases(now), this.claims.queued()));
		}
		catch (HealthQueries.NoAnswer ex) {
			builder.down().withDetail("database", ex.getMessage());
			return;
		}
		builder.withDetail("claimedJobs", shared.claimedJobs())
			.withDetail("members", shared.members())
			.withDetail("leases", shared.leases())
			.withDetail("queuedInCluster", shared.queued());
	}

	/** What the shared database shows of the cluster. */
	private record Shared(List<Long> claimedJobs, List<Map<String, Object>> members, List<Map<String, Object>> leases,
			long queued) {
	}

	private List<Map<String, Object>> members(Instant now) {
		Map<String, Long> open = this.claims.openByInstance();
		return this.tables.members(now.minus(this.owned.lease())).stream().map((m) -> {
			Map<String, Object> member = new LinkedHashMap<>();
			member.put("id", m.id());
			member.put("site", (m.site() != null) ? m.site() : "");
			member.put("startedAt", m.startedAt().toString());
			member.put("heartbeatAt", m.heartbeatAt().toString());
			member.put("openJobs", open.getOrDefault(m.id(), 0L));
			return member;
		}).toList();
	}

	private List<Map<String, Object>> leases(Instant now) {
		return this.tables.leases().stream().map((l) -> {
			Map<String, Object> lease = new LinkedHashMap<>();
			lease.put("camera", l.cameraId());
			lease.put("instance", l.instanceId());
			lease.put("since", l.since().toString());
			lease.put("until", l.until().toString());
			lease.put("expired", l.until().isBefore(now));
			return lease;
		}).toList();
	}

}
