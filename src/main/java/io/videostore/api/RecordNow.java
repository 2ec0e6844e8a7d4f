package io.videostore.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.Alarms;
import io.videostore.clips.NewAlarm;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.Submission;
import io.videostore.storage.ClipNames;
import io.videostore.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recording asked for now, for a PLC, Node-RED or a person: stored as an alarm with the
 * label {@value #LABEL} (so it is listed, exported and counted like the others) and
 * offered to the camera through the same queue as the webhook's alarms. A camera with a
 * pre-roll buffer gets the seconds before the request too.
 */
@Component
class RecordNow {

	static final String LABEL = "record-now";

	static final int RETRY_AFTER_SECONDS = 30;

	private static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger log = LoggerFactory.getLogger(RecordNow.class);

	private final AppConfig config;

	private final Alarms alarms;

	private final RecordingQueue queue;

	private final java.time.Clock clock;

	RecordNow(AppConfig config, Alarms alarms, RecordingQueue queue, java.time.Clock clock) {
		this.config = config;
		this.alarms = alarms;
		this.queue = queue;
		this.clock = clock;
	}

	/** What was stored and queued. */
	record Receipt(long alarmId, long jobId, String camera, String state, Map<String, String> links) {
	}

	/**
	 * Stores the request as an alarm and queues its recording.
	 * @throws NotFoundException for a camera that is not configured
	 * @throws QueueFull when there is no room (the alarm is stored, with that outcome)
	 */
	Receipt record(String cameraId, String text, String remoteAddr) {
		CameraConfig camera = (cameraId != null && CAMERA_ID.matcher(cameraId).matches())
				? this.config.camera(cameraId).orElse(null) : null;
		if (camera == null) {
			throw new NotFoundException("camera", String.valueOf(cameraId).replaceAll("[^A-Za-z0-9_-]", "?"));
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		LocalDateTime createdOn = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
		String alarmText = (text != null) ? text : "Recording asked for through the API";
		long alarmId = this.alarms.recordAlarm(new NewAlarm(now, createdOn, null, null, camera.name(), LABEL, alarmText,
				null, payload(camera, alarmText), remoteAddr, AlarmOutcome.accepted()));
		Submission s = this.queue.submit(alarmId, camera, createdOn,
				ClipNames.forAlarm(createdOn, "record now", camera.id()));
		if (s.state() == Submission.State.FULL || s.state() == Submission.State.STOPPING) {
			AlarmOutcome outcome = (s.state() == Submission.State.FULL)
					? AlarmOutcome.queueFull(java.util.List.of(s.why())) : AlarmOutcome.stopping();
			this.alarms.setAlarmOutcome(alarmId, outcome);
			log.warn("Record-now {} for camera '{}' {}: nothing will be recorded", alarmId, camera.id(),
					outcome.text());
			throw new NotQueued(alarmId, outcome.text(), s.state() == Submission.State.FULL);
		}
		if (s.state() == Submission.State.EXPIRED) {
			this.alarms.setAlarmOutcome(alarmId, AlarmOutcome.expired(createdOn));
		}
		log.info("Record-now {} for camera '{}': job {} {}", alarmId, camera.id(), s.jobId(),
				s.state().name().toLowerCase(java.util.Locale.ROOT));
		Map<String, String> links = new LinkedHashMap<>();
		links.put("alarm", Links.alarm(alarmId));
		links.put("ui", Links.ui(alarmId));
		return new Receipt(alarmId, s.jobId(), camera.id(), s.state().name().toLowerCase(java.util.Locale.ROOT), links);
	}

	private static String payload(CameraConfig camera, String text) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("source", "api");
		payload.put("camera", camera.id());
		payload.put("shortContent", text);
		return JSON.writeValueAsString(payload);
	}

	/**
	 * 503 + Retry-After when the queue has no room or the service is stopping; the
	 * request is stored all the same.
	 */
	static class NotQueued extends ApiException {

		NotQueued(long alarmId, String outcome, boolean full) {
			super(503, full ? "Queue full" : "Service stopping",
					"nothing will be recorded (" + outcome + "); ask again later", Map.of("alarmId", alarmId));
		}

		@Override
		public Map<String, String> headers() {
			return Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
		}

	}

}
