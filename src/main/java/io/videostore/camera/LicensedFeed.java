package io.videostore.camera;

import java.io.OutputStream;
import java.util.Collection;
import java.util.List;

/**
 * A feed that stops before the frame that comes after its {@link StreamLicence} ran out:
 * checked frame by frame on the pumping thread, so a process that resumes after a pause
 * (SIGSTOP, a long GC) delivers no further frame once its lease can no longer be proven,
 * whatever its other threads do first. Feeds that ffmpeg opens itself (RTSP) are not
 * pumped here; their streams stop when the cluster's watchdog takes the camera away.
 */
final class LicensedFeed implements CameraFeed {

	private final CameraFeed feed;

	private final String cameraId;

	private final StreamLicence licence;

	LicensedFeed(CameraFeed feed, String cameraId, StreamLicence licence) {
		this.feed = feed;
		this.cameraId = cameraId;
		this.licence = licence;
		if (feed instanceof HttpCameraFeed http) {
			http.readOnlyWhile(() -> licence.valid(cameraId));
		}
	}

	@Override
	public List<String> ffmpegInput() {
		return this.feed.ffmpegInput();
	}

	@Override
	public boolean gated() {
		return this.feed.gated();
	}

	@Override
	public boolean pipesToStdin() {
		return this.feed.pipesToStdin();
	}

	@Override
	public StreamEnd pumpTo(OutputStream ffmpegStdin, FrameGate gate) {
		boolean[] fenced = { false };
		StreamEnd end = this.feed.pumpTo(ffmpegStdin, (nanos) -> {
			if (!this.licence.valid(this.cameraId)) {
				fenced[0] = true;
				return false;
			}
			return gate.admit(nanos);
		});
		if (fenced[0] || !this.licence.valid(this.cameraId)) {
			return new StreamEnd(StreamEnd.Kind.FENCED, this.licence.refusal(this.cameraId), end.frames(), end.bytes());
		}
		return end;
	}

	@Override
	public String description() {
		return this.feed.description();
	}

	@Override
	public Collection<String> secrets() {
		return this.feed.secrets();
	}

	@Override
	public void close() {
		this.feed.close();
	}

}
