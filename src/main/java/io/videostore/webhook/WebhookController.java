package io.videostore.webhook;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.config.AppConfig;
import io.videostore.system.ApiException;
import io.videostore.system.RateLimitedLog;
import io.videostore.system.LogText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhook}: IXON Cloud Notify's delivery point. Answers fast and never
 * blocks on recording: 202 with the alarm and job ids and the alarm's API and UI links,
 * 200 when nothing is to be recorded, 503 + Retry-After when the queue is full (the alarm
 * is stored either way).
 */
@RestController
class WebhookController {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebhookController.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean secretConfigured;

	private final RateLimitedLog refusals;

	private final NotificationParser parser = new NotificationParser();

	private final BodyReader body;

	private final AlarmIntake intake;

	private final Clock clock;

	private final MeterRegistry metrics;

	WebhookController(AppConfig config, AlarmIntake intake, Clock clock, MeterRegistry metrics,
			@Value("${videostore.webhook.body-timeout}") Duration bodyTimeout) {
		this.secretConfigured = config.webhooks().hasSecret();
		this.refusals = new RateLimitedLog(log, 10, clock);
		this.body = new BodyReader(bodyTimeout);
		this.intake = intake;
		this.clock = clock;
		this.metrics = metrics;
		if (!this.secretConfigured) {
			log.warn("webhooks.secret is not set: /webhook accepts JSON from this machine only (sent directly to "
					+ "localhost, not relayed by a proxy, not from a web page)");
		}
	}

	/**
	 * The answer is JSON whatever the sender's {@code Accept} says: by the time it is
	 * written the alarm is stored, and a 406 would tell the sender its delivery failed.
	 */
	@PostMapping("/webhook")
	ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
		CloudNotification notification;
		try {
			if (!this.secretConfigured) {
				requireJson(request.getContentType());
			}
			notification = parser.parse(body.read(request));
		}
		catch (ApiException ex) {
			refusals.info("Webhook from {} refused: {} {}", request.getRemoteAddr(), ex.status(),
					LogText.of(ex.getMessage()));
			metrics.counter("videostore.webhooks", "outcome", "invalid").increment();
			throw ex;
		}
		AlarmIntake.Receipt receipt = intake.accept(notification, clock.instant(), request.getRemoteAddr());
		return ResponseEntity.status(receipt.status())
			.headers((h) -> receipt.retryAfterSeconds().ifPresent((s) -> h.add("Retry-After", String.valueOf(s))))
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsString(withLinks(receipt.body())));
	}

	/**
	 * Without a secret, only JSON: a web page can post {@code text/plain} or a form to
	 * another origin without asking, but JSON needs a CORS preflight, which this service
	 * refuses. With a secret, the sender proved itself, and whatever IXON sends is read.
	 */
	static void requireJson(String contentType) {
		MediaType type;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !"application".equalsIgnoreCase(type.getType())
				|| !("json".equalsIgnoreCase(type.getSubtype()) || "json".equalsIgnoreCase(type.getSubtypeSuffix()))) {
			throw new NotJson();
		}
	}

	/**
	 * The answer with the stored alarm's links: its page in the REST API and in the web
	 * UI, relative to this service.
	 */
	static Map<String, Object> withLinks(Map<String, Object> body) {
		if (!(body.get("alarmId") instanceof Number id)) {
			return body;
		}
		Map<String, Object> linked = new LinkedHashMap<>(body);
		Map<String, String> links = new LinkedHashMap<>();
		links.put("alarm", "/api/alarms/" + id.longValue());
		links.put("ui", "/alarms/" + id.longValue());
		linked.put("links", links);
		return linked;
	}

	/** 415 for a body that is not declared JSON, without a secret. */
	static class NotJson extends ApiException {

		NotJson() {
			super(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), "Unsupported Media Type",
					"without webhooks.secret, /webhook accepts Content-Type: application/json only (so that no web "
							+ "page in a browser on this machine can post alarms)",
					Map.of("field", "Content-Type"));
		}

	}

}
