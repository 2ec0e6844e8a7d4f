package io.videostore.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.PendingUpload;
import io.videostore.clips.UploadOutbox;
import io.videostore.config.AppConfig;
import io.videostore.config.S3Config;
import io.videostore.system.Backoff;
import io.videostore.system.PeriodicWorker;
import io.videostore.system.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies stored clips to the bucket ({@code storage.s3}) through the upload outbox in the
 * index: a clip is put in the outbox when it is stored, and one worker uploads the oldest
 * due first, verifies it, and records where the clip lives now. A failed upload is tried
 * again with a capped, jittered backoff; when the store is unreachable or refuses the
 * credentials or the bucket, the whole uploader waits (logging the error once) rather
 * than retrying in a tight loop, and the backlog drains in order when it works again.
 * <p>
 * Only the instance whose disk holds a clip uploads it, and it claims the upload for its
 * lease ({@code instance.takeover_after}) first, so that of instances sharing a disk's
 * clips (those made before instances were told apart) one uploads each.
 */
@Component
public class Uploader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Uploader.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

	private final S3Config s3;

	private final UploadOutbox uploads;

	private final Clock clock;

	private final MeterRegistry metrics;

	private final boolean enabled;

	private final Duration lease;

	private final Backoff perUpload;

	private final Backoff pause;

	private final PeriodicWorker worker = new PeriodicWorker("uploader", Duration.ofSeconds(2), this::pass);

	private volatile S3Bucket bucket;

	private volatile String lastError;

	private volatile Instant lastErrorAt;

	private volatile Instant lastSuccess;

	Uploader(AppConfig config, UploadOutbox uploads, Clock clock, MeterRegistry metrics,
			@Value("${videostore.uploads.min-backoff:1s}") Duration minBackoff,
			@Value("${videostore.uploads.max-backoff:1m}") Duration maxBackoff,
			@Value("${videostore.uploads.enabled:true}") boolean enabled) {
		this.s3 = config.storage().s3();
		this.uploads = uploads;
		this.clock = clock;
		this.metrics = metrics;
		this.enabled = enabled;
		this.lease = config.instance().takeoverAfter();
		this.perUpload = new Backoff(minBackoff, maxBackoff);
		this.pause = new Backoff(minBackoff, maxBackoff);
		if (this.s3 != null) {
			Gauge.builder("videostore.uploads.pending", () -> uploads.uploadBacklog().pending()).register(metrics);
			Gauge.builder("videostore.uploads.oldest.age", () -> {
				Instant oldest = uploads.uploadBacklog().oldest();
				return (oldest != null) ? Duration.between(oldest, clock.instant()).toSeconds() : 0;
			})
				.baseUnit("seconds")
				.description("How long the oldest clip in the upload backlog has waited")
				.register(metrics);
		}
	}

	/**
	 * Puts a stored clip in the outbox (when a bucket is configured) and wakes the
	 * worker.
	 * @param windowStart the day in its key
	 */
	public void clipStored(long clipId, String cameraId, Path file, Instant windowStart) {
		if (this.s3 == null) {
			return;
		}
		this.uploads.enqueueUpload(clipId, objectKey(this.s3.prefix(), cameraId, windowStart, file),
				this.clock.instant());
		this.worker.wake();
	}

	/**
	 * {@code <prefix>/<camera>/<yyyy>/<mm>/
	 *
	<dd>/<file name>}: the same for every retry.
	 */
	static String objectKey(String prefix, String cameraId, Instant day, Path file) {
		String key = cameraId + "/" + DAY.format(day) + "/" + file.getFileName();
		return prefix.isEmpty() ? key : prefix + "/" + key;
	}

	/** A presigned URL for an uploaded object, when the bucket is configured. */
	Optional<URI> presignedGet(String key, Duration validFor) {
		S3Bucket b = this.bucket;
		return (b != null) ? Optional.of(b.presignedGet(key, validFor)) : Optional.empty();
	}

	/** What health shows. */
	public record Status(long pending, Instant oldest, Instant lastSuccess, String lastError, Instant lastErrorAt) {

		public boolean failing() {
			return this.lastErrorAt != null && (this.lastSuccess == null || this.lastErrorAt.isAfter(this.lastSuccess));
		}

	}

	public Status status() {
		UploadOutbox.UploadBacklog backlog = this.uploads.uploadBacklog();
		return new Status(backlog.pending(), backlog.oldest(), this.lastSuccess, this.lastError, this.lastErrorAt);
	}

	/**
	 * Uploads the oldest clip due now; false when none was. One at a time, each time
	 * asking the outbox again: a clip in backoff does not hold the others up, and once
	 * its backoff ends it is again the next one, before any younger clip.
	 */
	private boolean pass() throws InterruptedException {
		List<PendingUpload> due = this.uploads.claimUploads(this.clock.instant(), this.lease, 1);
		if (due.isEmpty()) {
			return false;
		}
		if (!upload(due.get(0))) {
			// The store is down or refuses us: everything waits.
			Thread.sleep(this.pause.next().toMillis());
		}
		return true;
	}

	/** False when the failure is the store's, not this clip's. */
	private boolean upload(PendingUpload upload) {
		Instant now = this.clock.instant();
		if (!Files.exists(upload.path())) {
			this.uploads.uploadAbandoned(upload.id(), "the local file was gone before it could be uploaded", now);
			this.metrics.counter("videostore.uploads", "outcome", "abandoned").increment();
			return true;
		}
		try {
			this.bucket.put(upload.path(), upload.objectKey(), metadata(upload));
			String localReason = null;
			if (!this.s3.keepLocal()) {
				Files.deleteIfExists(upload.path());
				localReason = "uploaded; storage.s3.keep_local is false";
			}
			this.uploads.uploadDone(upload.id(), upload.clipId(), this.clock.instant(), localReason);
			this.metrics.counter("videostore.uploads", "outcome", "done").increment();
			this.metrics.counter("videostore.upload.bytes").increment(upload.sizeBytes());
			if (this.lastError != null && (this.lastSuccess == null || this.lastErrorAt.isAfter(this.lastSuccess))) {
				log.info("Uploads to bucket '{}' work again", this.s3.bucket());
			}
			this.lastSuccess = this.clock.instant();
			this.pause.reset();
			log.debug("Uploaded clip {} as {}", upload.clipId(), upload.objectKey());
			return true;
		}
		catch (SdkException | IOException ex) {
			String why = describe(ex);
			Duration wait = this.perUpload.delay(upload.attempts());
			this.uploads.uploadFailed(upload.id(), why, now.plus(wait));
			this.metrics.counter("videostore.uploads", "outcome", "failed").increment();
			boolean store = storeProblem(ex);
			if (!why.equals(this.lastError) || !store) {
				log.error("Upload of clip {} to bucket '{}' failed: {}{}", upload.clipId(), this.s3.bucket(), why, store
						? "; uploads wait and retry, the backlog is kept" : "; retried in " + wait.toSeconds() + " s");
			}
			this.lastError = why;
			this.lastErrorAt = this.clock.instant();
			return !store;
		}
	}

	/**
	 * Unreachable, refused credentials, missing bucket: nothing else would work either.
	 */
	private static boolean storeProblem(Exception ex) {
		if (ex instanceof SdkClientException) {
			return true;
		}
		if (ex instanceof S3Exception s3) {
			return s3.statusCode() == 403 || s3.statusCode() == 401 || s3.statusCode() >= 500
					|| "NoSuchBucket".equals(s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null);
		}
		return false;
	}

	private static String describe(Exception ex) {
		String text;
		if (ex instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
			text = "S3 answered HTTP " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": "
					+ s3.awsErrorDetails().errorMessage();
		}
		else {
			text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		// The SDK's attempt count varies from try to try; the same outage is logged once.
		return Redactor.redact(text.replaceAll(" ?\\(SDK Attempt Count: \\d+\\)", ""));
	}

	private static Map<String, String> metadata(PendingUpload u) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("camera", u.cameraId());
		m.put("alarm-id", (u.alarmId() != null) ? String.valueOf(u.alarmId()) : null);
		m.put("device-id", u.deviceId());
		m.put("device-name", u.deviceName());
		m.put("created-on", (u.createdOn() != null) ? u.createdOn() + "Z" : null);
		return m;
	}

	@Override
	public synchronized void start() {
		if (this.s3 == null || !this.enabled) {
			return;
		}
		this.bucket = S3Bucket.open(this.s3);
		this.worker.start();
		log.info("Uploading clips to bucket '{}'{}", this.s3.bucket(),
				this.s3.endpoint().isEmpty() ? "" : " at " + Redactor.redact(this.s3.endpoint()));
	}

	@Override
	public synchronized void stop() {
		this.worker.stop(Duration.ofSeconds(10));
		if (this.bucket != null) {
			this.bucket.close();
			this.bucket = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker.running();
	}

}
