package io.videostore.webhook;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.config.AppConfig;
import io.videostore.system.ApiException;
import io.videostore.system.Callers;
import io.videostore.system.LogText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
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

	private final WebhookSecret secret;

	private final NotificationParser parser = new NotificationParser();

	private final BodyReader body;

	private final AlarmIntake intake;

	private final Clock clock;

	private final MeterRegistry metrics;

	private final IntakeWarmup warmup;

	WebhookController(AppConfig config, AlarmIntake intake, IntakeWarmup warmup, Clock clock, MeterRegistry metrics,
			@Value("${videostore.webhook.body-timeout}") Duration bodyTimeout) {
		this.warmup = warmup;
		this.secret = new WebhookSecret(config.webhooks().secret());
		this.body = new BodyReader(bodyTimeout);
		this.intake = intake;
		this.clock = clock;
		this.metrics = metrics;
		if (!secret.configured()) {
			log.warn("webhooks.secret is not set: /webhook accepts requests from this machine only "
					+ "(loopback, not relayed by a proxy)");
		}
	}

	/**
	 * The answer is JSON whatever the sender's {@code Accept} says: by the time it is
	 * written the alarm is stored, and a 406 would tell the sender its delivery failed.
	 */
	@PostMapping("/webhook")
	ResponseEntity<String> receive(HttpServletRequest request,
			@RequestHeader(name = "X-Webhook-Secret", required = false) String header,
			@RequestHeader(name = "Authorization", required = false) String authorization) throws IOException {
		CloudNotification notification;
		try {
			secret.check(header, bearer(authorization), () -> token(request), request.getRemoteAddr(),
					Callers.proxied(request));
			notification = parser.parse(body.read(request));
		}
		catch (ApiException ex) {
			log.info("Webhook from {} refused: {} {}", request.getRemoteAddr(), ex.status(),
					LogText.of(ex.getMessage()));
			metrics.counter("videostore.webhooks", "outcome", (ex.status() == 401) ? "unauthorized" : "invalid")
				.increment();
			throw ex;
		}
		AlarmIntake.Receipt receipt = warmup.isWarmup(request.getHeader(IntakeWarmup.HEADER))
				? intake.rehearse(notification, clock.instant(), request.getRemoteAddr())
				: intake.accept(notification, clock.instant(), request.getRemoteAddr());
		return ResponseEntity.status(receipt.status())
			.headers((h) -> receipt.retryAfterSeconds().ifPresent((s) -> h.add("Retry-After", String.valueOf(s))))
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsString(withLinks(receipt.body())));
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

	/**
	 * The {@code token} query parameter, read from the query string itself: asking the
	 * servlet for a parameter would consume a form-encoded body before it could be read
	 * as the notification. Only read when neither header carries a secret, so a broken
	 * query does not matter to a sender that authenticates by header.
	 */
	private static String token(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("token=")) {
				try {
					return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw new BadToken();
				}
			}
		}
		return null;
	}

	private static String bearer(String authorization) {
		return (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).trim() : null;
	}

	/**
	 * 400 for a token that is not valid %-encoding; the detail never repeats the token.
	 */
	static class BadToken extends ApiException {

		BadToken() {
			super(HttpStatus.BAD_REQUEST.value(), "Invalid token parameter",
					"the token query parameter is not valid %-encoding: write a % in the secret as %25, "
							+ "or send the secret in the X-Webhook-Secret header",
					Map.of("field", "token"));
		}

	}

}
