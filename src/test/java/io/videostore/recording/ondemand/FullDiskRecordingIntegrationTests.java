package io.videostore.recording.ondemand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.videostore.camera.CameraSources;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Recording onto a real small disk that fills up: nothing starts below the floor, and a
 * capture that completed is kept even when its re-encode no longer fits.
 */
@NoFfmpegLeftBehind
class FullDiskRecordingIntegrationTests {

	@TempDir
	Path folder;

	private SmallDisk disk;

	private CameraSources sources;

	@BeforeEach
	void mount() throws Exception {
		this.disk = SmallDisk.mount(this.folder, 200);
		this.sources = CameraSources.direct();
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.sources != null) {
			this.sources.close();
		}
		if (this.disk != null) {
			this.disk.close();
		}
	}

	@Test
	void belowTheFloorNoRecordingStartsAndTheReasonSaysDiskFull() throws IOException {
		this.disk.fillLeaving(DiskSpace.RECORDING_FLOOR - 30 * 1024 * 1024);

		RecordingResult r = Recorder.create(RecorderIntegrationTests.LOCATOR, this.sources)
			.record(Cameras.demo(Cameras.video(this.folder, 2, true)), "demo.mp4", RecordingProgress.Listener.NONE);

		assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(r.cause()).isEqualTo(Cause.STORAGE);
		assertThat(r.reason())
			.matches("disk full: 9\\d MB free on " + this.folder.toRealPath() + ", no recording starts below 128 MB");
	}

	@Test
	void aCaptureWhoseReEncodeDoesNotFitIsKeptAsCapturedAndSaysSo() throws IOException {
		// The disk fills up the moment the capture ends, before its re-encode.
		RecordingProgress.Listener fillAtEnd = new RecordingProgress.Listener() {
			@Override
			public void onProgress(RecordingProgress progress) {
			}

			@Override
			public void onCaptureEnded() {
				try {
					FullDiskRecordingIntegrationTests.this.disk.fillLeaving(0);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		};

		RecordingResult r = Recorder.create(RecorderIntegrationTests.LOCATOR, this.sources)
			.record(Cameras.demo(Cameras.video(this.folder, 2, true)), "demo.mp4", fillAtEnd);

		assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
		assertThat(r.reason())
			.matches("kept as captured, not re-encoded \\(disk full: \\d+(\\.\\d)? (bytes?|KB) free on .*");
		assertThat(r.clip()).exists().hasFileName("demo.mkv");
		ClipProbe clip = new Ffprobe(RecorderIntegrationTests.LOCATOR.locate(null)).probe(r.clip()).orElseThrow();
		assertThat(clip.codec()).isEqualTo("mjpeg");
		assertThat(clip.durationSeconds()).isCloseTo(2.0, within(0.5));
		try (var partial = Files.list(this.folder.resolve(".partial"))) {
			assertThat(partial).isEmpty();
		}
	}

	@Test
	void aDiskThatFillsUpDuringTheCaptureGivesAPartialClipOfTheFramesRecordedNeverADoneOne() throws IOException {
		// The disk fills up 6 s into a 12 s capture: Matroska writes a cluster (5 s of
		// footage) at a time, so the first cluster is on disk, the header says 12 s.
		RecordingProgress.Listener fillAfterSixSeconds = new RecordingProgress.Listener() {
			private boolean filled;

			@Override
			public void onProgress(RecordingProgress progress) {
				if (!this.filled && progress.seconds() >= 6.0) {
					this.filled = true;
					try {
						FullDiskRecordingIntegrationTests.this.disk.fillLeaving(0);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		};

		RecordingResult r = Recorder.create(RecorderIntegrationTests.LOCATOR, this.sources)
			.record(Cameras.demo(Cameras.video(this.folder, 12, true)), "demo.mp4", fillAfterSixSeconds);

		assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.PARTIAL);
		assertThat(r.cause()).isEqualTo(Cause.STORAGE);
		assertThat(r.reason()).matches("disk full: \\d+(\\.\\d)? (bytes?|KB) free on " + this.folder.toRealPath()
				+ " after \\d\\.\\d s of 12\\.0 s; kept as captured, not re-encoded \\(disk full: .*\\)");
		// The clip holds what was recorded, and says so: its frames, not its header.
		ClipProbe clip = new Ffprobe(RecorderIntegrationTests.LOCATOR.locate(null))
			.probeStored(r.clip(), Duration.ofSeconds(60))
			.orElseThrow()
			.probe();
		assertThat(clip.frames()).isPositive();
		assertThat(clip.durationSeconds()).isBetween(1.0, 9.0);
		assertThat(r.probe().durationSeconds()).isCloseTo(clip.durationSeconds(), within(0.01));
		assertThat(r.probe().frames()).isEqualTo(clip.frames());
	}

}
