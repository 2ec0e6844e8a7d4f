package io.videostore.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.videostore.config.CameraConfig;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;

/**
 * A clip source that records which jobs held and released footage, and records nothing.
 */
public class FakeSource implements ClipSource {

	final List<Long> held = new ArrayList<>();

	final List<Long> released = new ArrayList<>();

	private final Lane lane;

	private final Predicate<CameraConfig> serves;

	public FakeSource(Lane lane, Predicate<CameraConfig> serves) {
		this.lane = lane;
		this.serves = serves;
	}

	@Override
	public boolean serves(CameraConfig camera) {
		return this.serves.test(camera);
	}

	@Override
	public Lane lane() {
		return this.lane;
	}

	@Override
	public AlarmWindow window(CameraConfig camera, Instant alarm, Instant now) {
		return (this.lane == Lane.CLIP) ? AlarmWindow.around(alarm, camera.video().preRoll(), camera.video().postRoll())
				: AlarmWindow.capturing(alarm, now, camera.video().duration());
	}

	@Override
	public void hold(RecordingJob job) {
		this.held.add(job.jobId());
	}

	@Override
	public void release(RecordingJob job) {
		this.released.add(job.jobId());
	}

	@Override
	public RecordingResult record(RecordingJob job) {
		throw new UnsupportedOperationException("no workers in these tests");
	}

}
