package io.videostore.recording;

import java.time.Duration;
import java.util.Locale;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.FfmpegNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once the service is up, which ffmpeg and which cameras it will
 * record with, so a misconfiguration shows at start-up rather than at the first alarm.
 */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	private final AppConfig config;

	private final FfmpegLocator locator;

	StartupReport(AppConfig config, FfmpegLocator locator) {
		this.config = config;
		this.locator = locator;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		for (CameraConfig camera : config.cameras()) {
			log.info("Camera '{}' ({}): {}, {}, into {}", camera.id(), camera.source().name().toLowerCase(),
					clips(camera.video()), camera.video().recode() ? "H.264 MP4" : "stream copy",
					camera.video().output());
		}
		// The ffmpeg check (unpacking the bundled build at a first start, then a few
		// short
		// runs of it) runs beside the start, not before readiness: alarms are taken
		// meanwhile, and a recording that needs ffmpeg waits for the same check (the
		// locator does it once).
		Thread check = new Thread(this::checkFfmpeg, "ffmpeg-check");
		check.setDaemon(true);
		check.start();
	}

	private void checkFfmpeg() {
		try {
			locator.locate(config.video().ffmpegPath());
		}
		catch (FfmpegNotFoundException ex) {
			log.error("Recording will fail until this is fixed: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("Recording may fail: the ffmpeg check failed ({})", ex.toString());
		}
	}

	/**
	 * What a camera's clips cover: the pre-roll/post-roll window around each alarm for a
	 * camera with a buffer, the clip length from the alarm's arrival otherwise.
	 */
	static String clips(VideoConfig video) {
		if (!video.preRoll().isZero() && !video.preRoll().isNegative()) {
			return "clips of " + seconds(video.preRoll()) + " before to " + seconds(video.postRoll())
					+ " after each alarm";
		}
		return seconds(video.duration()) + " clips from each alarm's arrival";
	}

	private static String seconds(Duration d) {
		long millis = d.toMillis();
		return ((millis % 1000 == 0) ? String.valueOf(millis / 1000)
				: String.format(Locale.ROOT, "%.1f", millis / 1000.0)) + " s";
	}

}
