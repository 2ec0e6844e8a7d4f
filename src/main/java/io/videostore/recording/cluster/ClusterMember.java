package io.videostore.recording.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import io.videostore.clips.Alarms;
import io.videostore.clips.ClusterTables;
import io.videostore.clips.ClusterTables.Lease;
import io.videostore.clips.JobClaims;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.AlarmTime;
import io.videostore.recording.ClipSources;
import io.videostore.recording.OwnedCameras;
import io.videostore.recording.RecordingQueue;
import io.videostore.system.PeriodicWorker;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's part in a cluster on a shared database (PostgreSQL). Every fifth of
 * {@code instance.takeover_after} it renews its heartbeat, its camera leases and its job
 * claims, and takes the cameras of its site that nobody holds (up to an even share) or
 * whose holder stopped renewing; every half second it claims the queued jobs of its
 * cameras and the jobs a dead instance was recording. Leases and claims live only in the
 * database, which decides every race ({@link ClusterTables}, {@link JobClaims}). Alone on
 * SQLite it does nothing: the instance owns every camera.
 */
@Component
class ClusterMember implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterMember.class);

	/**
	 * How often queued jobs are claimed: the delay an alarm for another instance's camera
	 * waits.
	 */
	static final Duration CLAIM_EVERY = Duration.ofMillis(500);

	private final AppConfig config;

	private final OwnedCameras owned;

	private final ClusterTables tables;

	private final JobClaims claims;

	private final RecordingQueue queue;

	private final ClipSources sources;

	private final Clock clock;

	private volatile boolean running;

	/** The rounds, every {@link #CLAIM_EVERY}. */
	private final PeriodicWorker rounds = new PeriodicWorker("cluster-member", CLAIM_EVERY, () -> {
		round();
		return false;
	});

	/**
	 * Fences on its own thread: a round can hang on a database that stopped answering (a
	 * connection that waits, a network cut), and the streams must stop before another
	 * instance may take the cameras over.
	 */
	private final PeriodicWorker watchdog = new PeriodicWorker("cluster-fence", CLAIM_EVERY, () -> {
		fence();
		return false;
	});

	/** Fences one at a time, from the watchdog or a failed round. */
	private final Object fencing = new Object();

	/**
	 * When the leases were last renewed: past a lease's length, they may be someone
	 * else's.
	 */
	private volatile Instant renewed;

	private long nextRenewal;

	private String lastError;

	/**
	 * From when (System.nanoTime) this instance may take over other instances' lapsed
	 * cameras and jobs: one full lease after it started and after every outage of the
	 * database it saw, so that live holders, which lost the database too, renew theirs
	 * first.
	 */
	private volatile long settledAt;

	/** The generation (fencing token) of each camera lease this instance holds. */
	private final Map<String, Long> generations = new HashMap<>();

	private final JobAdoption adoption;

	ClusterMember(AppConfig config, OwnedCameras owned, ClusterTables tables, JobClaims claims, RecordingQueue queue,
			ClipSources sources, Alarms alarms, Jobs jobs, AlarmTime alarmTime, Clock clock) {
		this.config = config;
		this.owned = owned;
		this.tables = tables;
		this.claims = claims;
		this.queue = queue;
		this.sources = sources;
		this.clock = clock;
		this.adoption = new JobAdoption(config, owned, claims, queue, alarms, jobs, alarmTime, clock);
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.owned.shared()) {
			return;
		}
		log.info("Cluster: instance '{}'{} on a shared database; cameras are taken over {} s after their owner stops",
				this.owned.instanceId(), this.owned.site().isEmpty() ? "" : " of site '" + this.owned.site() + "'",
				this.owned.lease().toSeconds());
		this.nextRenewal = this.owned.ticks();
		this.settledAt = this.owned.ticks() + this.owned.lease().toNanos();
		// The first round before the web server opens: the cameras free now are owned
		// (and buffering) when the first alarm comes.
		round();
		this.rounds.start();
		this.watchdog.start();
	}

	/** One round; never throws (a database that fails is retried next round). */
	synchronized void round() {
		Instant now = this.clock.instant();
		long started = this.owned.ticks();
		try {
			if (started - this.nextRenewal >= 0) {
				renew(now);
				this.nextRenewal = started + this.owned.lease().toNanos() / 5;
			}
			this.adoption.claim(now, settled());
			if (this.lastError != null) {
				this.settledAt = this.owned.ticks() + this.owned.lease().toNanos();
				log.info(
						"Cluster: the database answers again; cameras and jobs of other instances are taken over "
								+ "only after {} s, so that live instances renew theirs first",
						this.owned.lease().toSeconds());
				this.lastError = null;
			}
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getSimpleName();
			if (!error.equals(this.lastError)) {
				log.warn("Cluster: cannot reach the shared database ({}); retrying", error);
				this.lastError = error;
			}
			// Renew again as soon as the database answers.
			this.nextRenewal = this.owned.ticks();
			fence();
		}
	}

	/** True once this instance may take over other instances' lapsed cameras and jobs. */
	boolean settled() {
		return this.lastError == null && this.owned.ticks() - this.settledAt >= 0;
	}

	private void renew(Instant now) {
		String me = this.owned.instanceId();
		Instant until = this.owned.leaseFrom(now);
		this.tables.heartbeat(me, this.owned.site(), now);
		// Measured after the heartbeat answered: a round that first waited for a
		// connection (after an outage) does not start its proof already run out.
		long started = this.owned.ticks();
		for (String cameraId : this.owned.owned()) {
			OptionalLong generation = this.tables.acquireCamera(cameraId, me, now, until);
			if (generation.isEmpty()) {
				lose(cameraId, "its lease ran out by the database's clock while this instance could not renew it, "
						+ "and another instance took the camera over");
			}
			else if (generation.getAsLong() != this.generations.getOrDefault(cameraId, generation.getAsLong())) {
				// Another instance held it in between: whatever this one streams is
				// stale.
				stopStreams(cameraId);
				this.config.camera(cameraId).ifPresent((c) -> gain(c, null, generation.getAsLong()));
			}
		}
		this.claims.renew(me, until);
		this.renewed = now;
		this.owned.proven(started);
		balance(now, until);
	}

	/**
	 * Takes the cameras of this site whose holder stopped renewing (once this instance is
	 * settled: see {@link #settled()}); a free one when this instance holds the fewest of
	 * its site and less than an even share; hands one idle camera over only when it holds
	 * more than its share, or the most while another holds two fewer. Leases of live
	 * instances count as theirs even while run out (after a database blink they renew
	 * them), so a blink moves no camera. One camera moves per round, so the cluster
	 * settles without flapping.
	 */
	private void balance(Instant now, Instant until) {
		String me = this.owned.instanceId();
		List<CameraConfig> eligible = this.config.cameras().stream().filter(this.owned::eligible).toList();
		List<ClusterTables.Member> members = this.tables.members(now.minus(this.owned.lease()));
		List<String> peers = members.stream()
			.filter((m) -> this.owned.site().equals((m.site() != null) ? m.site() : ""))
			.map(ClusterTables.Member::id)
			.collect(Collectors.toCollection(ArrayList::new));
		if (!peers.contains(me)) {
			peers.add(me);
		}
		long share = (eligible.size() + peers.size() - 1) / peers.size();
		Map<String, Lease> leases = this.tables.leases(now)
			.stream()
			.collect(Collectors.toMap(Lease::cameraId, (l) -> l));
		Set<String> eligibleIds = eligible.stream().map(CameraConfig::id).collect(Collectors.toSet());
		Map<String, Long> held = new HashMap<>();
		peers.forEach((p) -> held.put(p, 0L));
		leases.values()
			.stream()
			.filter((l) -> eligibleIds.contains(l.cameraId()) && held.containsKey(l.instanceId()))
			.filter((l) -> !l.instanceId().equals(me) || this.owned.owned().contains(l.cameraId()))
			.forEach((l) -> held.merge(l.instanceId(), 1L, Long::sum));
		boolean settled = settled();
		Set<String> ownedHere = this.owned.owned();
		for (CameraConfig camera : eligible) {
			Lease lease = leases.get(camera.id());
			if (lease != null && ownedHere.contains(camera.id())) {
				continue;
			}
			boolean mineInDb = lease != null && me.equals(lease.instanceId());
			if (lease != null && !mineInDb && !lease.released() && !lease.expired()) {
				// Another instance holds it: a buffer this instance kept through a fence
				// goes (its footage is that instance's to record now).
				this.sources.all().forEach((s) -> s.disown(camera));
				continue;
			}
			// Its holder stopped renewing: taken over once this instance is settled.
			boolean orphaned = lease != null && lease.expired() && !lease.released() && !mineInDb && settled;
			long mine = held.get(me);
			long fewest = held.values().stream().mapToLong(Long::longValue).min().orElse(0);
			// A free camera goes to the instance that holds the fewest: after a start
			// or a stop the cameras spread within a few rounds, never all to the first.
			boolean free = (lease == null || lease.released()) && mine < share && mine <= fewest;
			if (!orphaned && !free && !mineInDb) {
				continue;
			}
			OptionalLong generation = this.tables.acquireCamera(camera.id(), me, now, until);
			if (generation.isPresent()) {
				gain(camera, orphaned ? lease : null, generation.getAsLong());
				// Counted now: the leases of this instance not recorded here were not.
				held.merge(me, 1L, Long::sum);
			}
		}
		long fewest = held.values().stream().mapToLong(Long::longValue).min().orElse(0);
		long most = held.values().stream().mapToLong(Long::longValue).max().orElse(0);
		int mine = this.owned.owned().size();
		if (mine > share || (mine == most && most - fewest >= 2)) {
			String why = "handed over to even out the cluster (" + mine + " of " + eligible.size() + " cameras here, "
					+ peers.size() + " instances)";
			this.owned.owned().stream().filter(this::handOver).findFirst().ifPresent((id) -> lose(id, why));
		}
		// One instance does it (the longest running): any could, safely, but in vain.
		if (settled && !members.isEmpty() && members.get(0).id().equals(me)) {
			this.adoption.closeUnservable(now, leases);
		}
	}

	/**
	 * True when the camera is idle and no longer this instance's to record: alarms that
	 * come from now on wait in the database for its next owner.
	 */
	private boolean handOver(String cameraId) {
		this.owned.lost(cameraId);
		if (this.queue.idle(cameraId)) {
			return true;
		}
		this.owned.gained(cameraId);
		return false;
	}

	private void gain(CameraConfig camera, Lease from, long generation) {
		this.generations.put(camera.id(), generation);
		if (from != null) {
			this.owned.gained(camera.id(), new OwnedCameras.HandOver(from.instanceId(),
					from.until().minus(this.owned.lease()), this.clock.instant()));
		}
		else {
			this.owned.gained(camera.id());
		}
		this.sources.all().forEach((s) -> s.own(camera));
		log.info("Cluster: camera '{}' is recorded by this instance now (lease generation {}){}", camera.id(),
				generation, (from != null) ? " (taken over from " + from.instanceId()
						+ ", which stopped renewing its lease; it ran out at " + from.until() + ")" : "");
	}

	/** Stops the camera's buffer first: a camera is never streamed by two instances. */
	private void lose(String cameraId, String why) {
		stopStreams(cameraId);
		this.generations.remove(cameraId);
		this.tables.releaseCamera(cameraId, this.owned.instanceId(), this.clock.instant());
		log.info("Cluster: camera '{}' is no longer recorded by this instance: {}", cameraId, why);
	}

	/**
	 * No longer this instance's camera: its buffer (its stream) is gone when this
	 * returns.
	 */
	private void stopStreams(String cameraId) {
		this.owned.lost(cameraId);
		this.config.camera(cameraId).ifPresent((c) -> this.sources.all().forEach((s) -> s.disown(c)));
	}

	/**
	 * Without the database for most of a lease, another instance may take the cameras
	 * over any moment: their streams stop here first.
	 */
	private void fence() {
		synchronized (this.fencing) {
			if (this.owned.owned().isEmpty() || this.owned.proven()) {
				return;
			}
			for (String cameraId : this.owned.owned()) {
				this.owned.lost(cameraId);
				this.config.camera(cameraId).ifPresent((c) -> this.sources.all().forEach((s) -> s.fenced(c)));
			}
			log.error("Cluster: fenced: no lease renewed for {} s (the database did not answer, or this process was "
					+ "paused); this instance stopped recording its cameras, which another instance may take over "
					+ "once their leases run out",
					this.owned.lease().multipliedBy(4).dividedBy(5).plus(this.owned.unprovenFor()).toSeconds());
		}
	}

	/** When the leases were last renewed (null before the first time). */
	Instant renewed() {
		return this.renewed;
	}

	/**
	 * Lets go of everything at once, so other instances take over now rather than when
	 * the leases run out: queued jobs, then each camera after its stream stopped.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.watchdog.stop(Duration.ofSeconds(1));
		this.rounds.stop(Duration.ofSeconds(5));
		if (!this.owned.shared()) {
			return;
		}
		synchronized (this) {
			try {
				int released = this.claims.releaseQueued(this.owned.instanceId());
				for (String cameraId : this.owned.owned()) {
					stopStreams(cameraId);
				}
				this.tables.leave(this.owned.instanceId(), this.clock.instant());
				log.info("Cluster: left; {} queued job(s) and every camera handed to the other instances", released);
			}
			catch (RuntimeException ex) {
				log.warn("Cluster: could not hand over at stop ({}); others take over when the leases run out",
						ex.getClass().getSimpleName());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.CLUSTER;
	}

}
