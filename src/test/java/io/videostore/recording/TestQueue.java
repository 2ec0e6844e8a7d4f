package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videostore.clips.TestIndex;
import io.videostore.recording.source.ClipSource;

/**
 * One instance's recording queue on a shared index, wired as the service wires it but
 * without workers, for the tests of other packages (the cluster's): the constructors of
 * its parts are this package's.
 *
 * @param owned the cameras the instance owns
 * @param sources its clip sources
 * @param alarmTime its alarm clock, allowing 10 s of clock skew
 * @param queue its queue (room for 10 jobs), started
 */
public record TestQueue(OwnedCameras owned, ClipSources sources, AlarmTime alarmTime, RecordingQueue queue) {

	/**
	 * A started queue of an instance on a shared database, its clips from this source.
	 */
	public static TestQueue shared(String instanceId, String site, Duration lease, ClipSource source, TestIndex db,
			Clock clock) {
		// The movable clock is the monotonic clock too: a test moves both at once.
		OwnedCameras owned = new OwnedCameras(true, instanceId, site, lease,
				() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()));
		ClipSources sources = new ClipSources(List.of(source));
		AlarmTime alarmTime = new AlarmTime(Duration.ofSeconds(10));
		RecordingQueue queue = new RecordingQueue(new Lanes(10, db.jobs, db.clips, clock), sources, db.jobs, alarmTime,
				new RecordingMetrics(new SimpleMeterRegistry()), clock, owned, db.claims());
		queue.start();
		return new TestQueue(owned, sources, alarmTime, queue);
	}

}
