package io.videostore.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.videostore.clips.search.AlarmStats;
import io.videostore.clips.search.CameraJobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.RecordingQueue;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/cameras}: the configured cameras with their buffers and jobs, and
 * record-now.
 */
@RestController
@RequestMapping("/api/cameras")
@Tag(name = "Cameras", description = "The configured cameras, and recordings asked for now")
class CameraController {

	private final AppConfig config;

	private final RecordingQueue queue;

	private final AlarmStats stats;

	private final RecordNow recordNow;

	CameraController(AppConfig config, RecordingQueue queue, AlarmStats stats, RecordNow recordNow) {
		this.config = config;
		this.queue = queue;
		this.stats = stats;
		this.recordNow = recordNow;
	}

	/** The cameras, and the queue they share. */
	record Cameras(Map<String, Object> queue, List<CameraItem> cameras) {
	}

	@GetMapping
	@Operation(summary = "Each configured camera with its pre-roll buffer, queued and running jobs and last "
			+ "failure, and the shared queue")
	Cameras cameras() {
		Map<String, Object> queue = new LinkedHashMap<>();
		queue.put("depth", this.queue.depth());
		queue.put("capacity", this.config.webhooks().queueSize());
		queue.put("accepting", this.queue.isRunning());
		return new Cameras(queue, this.config.cameras().stream().map(this::camera).toList());
	}

	private CameraItem camera(CameraConfig c) {
		CameraJobs jobs = this.stats.cameraJobs(c.id());
		Map<String, String> links = new LinkedHashMap<>();
		links.put("recordings", "/api/cameras/" + c.id() + "/recordings");
		links.put("alarms", "/api/alarms?camera=" + c.id());
		return new CameraItem(c.id(), c.name(), c.source().name().toLowerCase(java.util.Locale.ROOT),
				this.queue.buffered(c) ? "pre-roll" : "on-demand", seconds(c.video().preRoll()),
				seconds(c.video().postRoll()), seconds(c.video().duration()), this.queue.buffer(c).orElse(null),
				jobs.queued(), jobs.running(), jobs.lastFailure(), jobs.lastFailureAt(), jobs.lastClipAt(), links);
	}

	/**
	 * What to record: an optional text shown as the alarm's text.
	 *
	 * @param text why, e.g. "operator saw a jam"
	 */
	record RecordRequest(String text) {
	}

	@PostMapping("/{id}/recordings")
	@Operation(summary = "Records a clip now, through the same queue as alarms: stored as an alarm with the label "
			+ "record-now; 202 with its alarm and job, 404 for an unknown camera, 503 + Retry-After when the queue "
			+ "is full")
	ResponseEntity<RecordNow.Receipt> record(@PathVariable String id, @RequestBody(required = false) RecordRequest body,
			HttpServletRequest request) {
		String text = Parameters.text("text", (body != null) ? body.text() : null);
		RecordNow.Receipt receipt = this.recordNow.record(id, text, request.getRemoteAddr());
		boolean recording = receipt.state().equals("queued") || receipt.state().equals("joined");
		return ResponseEntity.status(recording ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.location(URI.create(Links.alarm(receipt.alarmId())))
			.body(receipt);
	}

	private static double seconds(java.time.Duration d) {
		return (d != null) ? d.toMillis() / 1000.0 : 0;
	}

}
