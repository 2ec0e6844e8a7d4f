package io.videostore.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import io.videostore.clips.ClipView;
import io.videostore.clips.Clips;
import io.videostore.clips.NotificationOutbox;
import io.videostore.clips.NotificationOutbox.PendingNotification;
import io.videostore.clips.UploadOutbox;
import io.videostore.config.AppConfig;
import io.videostore.config.NotifyConfig;
import io.videostore.system.Backoff;
import io.videostore.system.PeriodicWorker;
import io.videostore.system.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Clip ready" messages ({@code notify.webhooks}): when a recording job ends, a small
 * JSON per receiver goes into an outbox in the index, and one sender POSTs them oldest
 * first, after the clip's upload when there is one, with an HMAC-SHA256 signature. A
 * receiver that fails is tried again with a capped backoff for up to
 * {@link #GIVE_UP_AFTER}.
 * <p>
 * Of several instances on one database, one sends each message: it claims the message for
 * its lease ({@code instance.takeover_after}) right before sending, and a receiver that
 * does not answer is given up on well within that lease, so no other instance takes the
 * message over while it is still being sent. An instance that dies holding a message
 * leaves it to the others once its lease ran out.
 * <p>
 * Signature: {@code X-Videostore-Timestamp: <epoch seconds>} and
 * {@code X-Videostore-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with
 * the receiver's secret.
 */
@Component
public class ClipNotifier implements SmartLifecycle {

	static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

	/** How long the link to a clip in the bucket works (the most S3 allows). */
	static final Duration LINK_VALID_FOR = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(ClipNotifier.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<NotifyConfig.Target> targets;

	private final Alarms alarms;

	private final Clips clips;

	private final UploadOutbox uploads;

	private final NotificationOutbox notifications;

	private final Uploader uploader;

	private final Clock clock;

	private final MeterRegistry metrics;

	private final Backoff backoff;

	private final Duration lease;

	/** How long a receiver may take to answer, connecting included. */
	private final Duration answerTimeout;

	private final HttpClient http;

	private final PeriodicWorker worker = new PeriodicWorker("notifier", Duration.ofSeconds(1), this::pass);

	ClipNotifier(AppConfig config, Alarms alarms, Clips clips, UploadOutbox uploads, NotificationOutbox notifications,
			Uploader uploader, Clock clock, MeterRegistry metrics,
			@Value("${videostore.notify.min-backoff:1s}") Duration minBackoff) {
		this.targets = config.notifications().webhooks();
		this.alarms = alarms;
		this.clips = clips;
		this.uploads = uploads;
		this.notifications = notifications;
		this.uploader = uploader;
		this.clock = clock;
		this.metrics = metrics;
		this.backoff = new Backoff(minBackoff, Duration.ofMinutes(10));
		this.lease = config.instance().takeoverAfter();
		this.answerTimeout = answerTimeout(this.lease);
		this.http = HttpClient.newBuilder().connectTimeout(this.answerTimeout).build();
	}

	/**
	 * 15 s, or 3/5 of the claim's lease when that is less: a send ends (and its outcome
	 * is written) before the claim could run out and another instance send it again.
	 */
	static Duration answerTimeout(Duration lease) {
		Duration part = lease.multipliedBy(3).dividedBy(5);
		return (part.compareTo(Duration.ofSeconds(15)) < 0) ? part : Duration.ofSeconds(15);
	}

	/**
	 * A job ended: one message per receiver.
	 * @param status {@code done}, {@code partial} or {@code failed}
	 */
	public void jobEnded(long alarmId, long jobId, String cameraId, String status, String reason, Long clipId) {
		if (this.targets.isEmpty()) {
			return;
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("event", "clip.ready");
		message.put("alarmId", alarmId);
		message.put("jobId", jobId);
		message.put("camera", cameraId);
		message.put("status", status);
		message.put("reason", reason);
		this.alarms.alarm(alarmId).ifPresent((AlarmView a) -> {
			message.put("deviceId", a.deviceId());
			message.put("deviceName", a.deviceName());
			message.put("alarmText", a.shortContent());
			message.put("createdOn", (a.createdOn() != null) ? a.createdOn() + "Z" : null);
		});
		if (clipId != null) {
			this.clips.clip(clipId).ifPresent((ClipView c) -> {
				Map<String, Object> clip = new LinkedHashMap<>();
				clip.put("id", c.id());
				clip.put("from", String.valueOf(c.windowStart()));
				clip.put("to", String.valueOf(c.windowEnd()));
				clip.put("durationSeconds", c.durationSeconds());
				clip.put("file", java.nio.file.Path.of(c.path()).getFileName().toString());
				message.put("clip", clip);
			});
		}
		String payload = JSON.writeValueAsString(message);
		for (NotifyConfig.Target target : this.targets) {
			this.notifications.enqueueNotification(target.url(), clipId, payload, this.clock.instant());
		}
		this.worker.wake();
	}

	/**
	 * Claims the oldest message due and sends it; false when none was. One at a time, so
	 * that each claim's lease starts right before its send.
	 */
	private boolean pass() {
		try {
			// Messages sent while the index was away are marked sent first.
			for (Long id : List.copyOf(this.sentUnwritten)) {
				this.notifications.notificationEnded(id, true, null, this.clock.instant());
				this.sentUnwritten.remove(id);
			}
			boolean settled = System.nanoTime() - this.settledAt >= 0;
			List<PendingNotification> due = this.notifications.claimNotifications(this.clock.instant(), this.lease, 1,
					settled);
			if (this.outage) {
				// Another instance's claim that ran out during the outage is taken only a
				// lease later: its sender may have sent the message and still have to say
				// so.
				this.outage = false;
				this.settledAt = System.nanoTime() + this.lease.toNanos();
			}
			due.forEach(this::send);
			return !due.isEmpty();
		}
		catch (DataAccessException ex) {
			this.outage = true;
			return false;
		}
	}

	/** Messages the receiver took while the index could not be told; written first. */
	private final java.util.Set<Long> sentUnwritten = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** From when (System.nanoTime) others' lapsed claims may be taken over. */
	private volatile long settledAt = System.nanoTime();

	private volatile boolean outage;

	private void send(PendingNotification n) {
		String body = withLink(n);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(n.url()))
			.timeout(this.answerTimeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "video-store-service")
			.header("X-Videostore-Timestamp", String.valueOf(timestamp))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		String secret = secretFor(n.url());
		if (!secret.isEmpty()) {
			request.header("X-Videostore-Signature", "sha256=" + sign(secret, timestamp + "." + body));
		}
		String error;
		try {
			HttpResponse<Void> response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 == 2) {
				this.metrics.counter("videostore.notifications", "outcome", "sent").increment();
				try {
					this.notifications.notificationEnded(n.id(), true, null, this.clock.instant());
				}
				catch (DataAccessException ex) {
					// Sent: said so as soon as the index answers, never sent again from
					// here.
					this.sentUnwritten.add(n.id());
					this.outage = true;
				}
				return;
			}
			error = "the receiver answered HTTP " + response.statusCode();
		}
		catch (java.io.IOException ex) {
			error = "no answer: " + ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		error = Redactor.redact(error);
		Instant now = this.clock.instant();
		if (now.isAfter(n.createdAt().plus(GIVE_UP_AFTER))) {
			this.notifications.notificationEnded(n.id(), false, error, now);
			this.metrics.counter("videostore.notifications", "outcome", "abandoned").increment();
			log.warn("Gave up a clip-ready message to {} after {} attempts: {}", host(n.url()), n.attempts() + 1,
					error);
			return;
		}
		Duration wait = this.backoff.delay(n.attempts());
		this.notifications.notificationFailed(n.id(), error, now.plus(wait));
		this.metrics.counter("videostore.notifications", "outcome", "failed").increment();
		if (n.attempts() == 0) {
			log.warn("Clip-ready message to {} failed: {}; retried with backoff", host(n.url()), error);
		}
	}

	/** The stored message, with a link to the clip in the bucket when it is there. */
	private String withLink(PendingNotification n) {
		if (n.clipId() == null) {
			return n.payload();
		}
		var key = this.uploads.uploadedKey(n.clipId());
		var url = key.flatMap((k) -> this.uploader.presignedGet(k, LINK_VALID_FOR));
		if (url.isEmpty()) {
			return n.payload();
		}
		ObjectNode node = (ObjectNode) JSON.readTree(n.payload());
		node.put("link", url.get().toString());
		return JSON.writeValueAsString(node);
	}

	private String secretFor(String url) {
		return this.targets.stream()
			.filter((t) -> t.url().equals(url))
			.map(NotifyConfig.Target::secret)
			.findFirst()
			.orElse("");
	}

	static String sign(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The receiver's host only: its URL may carry a token. */
	private static String host(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return "the receiver";
		}
	}

	@Override
	public synchronized void start() {
		if (!this.targets.isEmpty()) {
			this.worker.start();
		}
	}

	@Override
	public synchronized void stop() {
		this.worker.stop(Duration.ofSeconds(5));
	}

	@Override
	public boolean isRunning() {
		return this.worker.running();
	}

}
