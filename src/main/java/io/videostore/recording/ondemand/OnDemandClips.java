package io.videostore.recording.ondemand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.storage.ClipStore;
import io.videostore.storage.retention.RetentionSweeper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Clips recorded on demand, as the original service made them: the camera is opened when
 * the job's turn comes and records {@code video.duration} from then. Serves every camera
 * that no pre-roll buffer serves.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class OnDemandClips implements ClipSource {

	private final Recorder recorder;

	OnDemandClips(FfmpegLocator locator, CameraSources cameras, RetentionSweeper retention) {
		this.recorder = Recorder.create(locator, cameras, retention.diskSpace());
	}

	@Override
	public boolean serves(CameraConfig camera) {
		return true;
	}

	@Override
	public Lane lane() {
		return Lane.CAPTURE;
	}

	@Override
	public AlarmWindow window(CameraConfig camera, Instant alarm, Instant now) {
		return AlarmWindow.capturing(alarm, now, camera.video().duration());
	}

	@Override
	public RecordingResult record(RecordingJob job) {
		return this.recorder.record(job.camera(), job.clipName(), RecordingProgress.Listener.NONE, job.length(),
				job.workName());
	}

	@Override
	public Optional<RecordingResult> salvage(RecordingJob job, Instant startedAt, String why) {
		return this.recorder.salvage(job.camera(), job.workName(), job.clipName(), startedAt, why);
	}

	@Override
	public String diedIn(RecordingJob job) {
		return diedIn(job.camera(), job.workName());
	}

	/**
	 * The stage the previous run died in, from its work files: its finalized MP4 is begun
	 * only once the capture is over.
	 */
	static String diedIn(CameraConfig camera, String workName) {
		Path work = camera.video().output().resolve(ClipStore.PARTIAL_DIR);
		return ClipSource
			.died(Files.exists(work.resolve(workName + ".mp4")) ? "while finalizing the clip" : "during the recording");
	}

}
