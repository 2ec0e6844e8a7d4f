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
 * jobs, and per camera site whether it has a live recorder: {@link Sites}). DOWN when
 * this instance has not renewed its leases for longer than they last (it stopped
 * recording its cameras then), or when the database does not answer (within
 * {@link HealthQueries#WAIT}). Alone on SQLite: UP, one instance.
 */
@Component("cluster")
class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final OwnedCameras owned;

	private final ClusterTables tables;

	private final JobClaims claims;

	private final ClusterMember member;

	private final Clock clock;

	private final Sites sites;

	private final HealthQueries queries;

	ClusterHealthIndicator(OwnedCameras owned, ClusterTables tables, JobClaims claims, ClusterMember member,
			Clock clock, Sites sites, HealthQueries queries) {
		super("Cluster health check failed");
		this.sites = sites;
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
		// Judged on the monotonic clock the fence uses, not on timestamps.
		boolean current = renewed != null && this.owned.proven();
		(current ? builder.up() : builder.down()).withDetail("mode", "cluster (shared database)")
			.withDetail("site", this.owned.site())
			.withDetail("leasesRenewedAt", (renewed != null) ? renewed.toString() : "never")
			.withDetail("takeoverAfterSeconds", this.owned.lease().toSeconds())
			.withDetail("ownedCameras", this.owned.owned());
		Shared shared;
		try {
			shared = this.queries
				.ask(() -> new Shared(this.claims.mine(this.owned.instanceId()).stream().map(JobView::id).toList(),
						members(now), leases(now), this.claims.queued(), sites()));
		}
		catch (HealthQueries.NoAnswer ex) {
			builder.down().withDetail("database", ex.getMessage());
			return;
		}
		builder.withDetail("claimedJobs", shared.claimedJobs())
			.withDetail("members", shared.members())
			.withDetail("leases", shared.leases())
			.withDetail("queuedInCluster", shared.queued())
			.withDetail("sites", shared.sites());
	}

	/** What the shared database shows of the cluster. */
	private record Shared(List<Long> claimedJobs, List<Map<String, Object>> members, List<Map<String, Object>> leases,
			long queued, List<Map<String, Object>> sites) {
	}

	/**
	 * Per camera site: live or not, its live instances and cameras, its queued jobs and
	 * the oldest one's age. A site without a live instance is UP for this instance (it
	 * records its own cameras) but says {@code live: false}.
	 */
	private List<Map<String, Object>> sites() {
		return this.sites.now().stream().map((s) -> {
			Map<String, Object> site = new LinkedHashMap<>();
			site.put("site", s.site());
			site.put("live", s.live());
			site.put("instances", s.instances());
			site.put("cameras", s.cameras());
			site.put("queuedJobs", s.queuedJobs());
			site.put("oldestQueuedSeconds", s.oldestQueuedSeconds());
			return site;
		}).toList();
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
		return this.tables.leases(now).stream().map((l) -> {
			Map<String, Object> lease = new LinkedHashMap<>();
			lease.put("camera", l.cameraId());
			lease.put("instance", l.released() ? "(released)" : l.instanceId());
			lease.put("since", l.since().toString());
			lease.put("until", l.until().toString());
			lease.put("expired", l.expired());
			lease.put("generation", l.generation());
			if (l.previousInstance() != null && !l.previousInstance().isEmpty()) {
				lease.put("previous", l.previousInstance() + " until " + l.previousUntil());
			}
			return lease;
		}).toList();
	}

}
