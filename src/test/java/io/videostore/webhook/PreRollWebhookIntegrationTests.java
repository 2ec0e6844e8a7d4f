package io.videostore.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.clips.ClipView;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.testcam.ClipPackets;
import io.videostore.testcam.CommandLineSampler;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.NoFfmpegLeftBehind.When;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A camera with pre_roll 3 s and post_roll 2 s (demo camera, 10 fps, 2 s segments,
 * webhooks.clock_skew 10 s): an alarm whose webhook arrives late still gets a clip of the
 * seconds before it.
 */
@NoFfmpegLeftBehind(after = When.CLASS)
class PreRollWebhookIntegrationTests {

	@TempDir
	static Path videos;

	private static WebhookRig rig;

	@BeforeAll
	static void startServiceAndFillTheBuffer() {
		VideoConfig video = new VideoConfig(false, Duration.ofSeconds(5), 0, true, "auto", videos,
				Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(5));
		rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1));
		// The oldest window below starts 8 s in the past, its clip 9 s.
		rig.awaitBuffering("demo", Duration.ofMillis(9500));
	}

	@AfterAll
	static void stop() {
		if (rig != null) {
			rig.close();
		}
	}

	@Test
	void webhookFiveSecondsLateGetsAPlayableClipOfTheWholeWindowAroundCreatedOn() throws Exception {
		LocalDateTime createdOn = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		Instant from = createdOn.minusSeconds(3).toInstant(ZoneOffset.UTC);
		Instant to = createdOn.plusSeconds(2).toInstant(ZoneOffset.UTC);

		HttpResponse<String> r = rig.post(WebhookRig.alarm("pre1", "Pre roll", createdOn.toString()));

		assertThat(r.statusCode()).isEqualTo(202);
		JobView job = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(30)).get(0);
		assertThat(job.state()).as(job.reason()).isEqualTo(JobState.DONE);
		assertThat(job.windowStart()).isEqualTo(from);
		assertThat(job.windowEnd()).isEqualTo(to);
		ClipView clip = rig.clips().clip(job.clipId()).orElseThrow();
		// The window actually covered: MJPEG is cut at the frame, 1 s outside the window
		// asked for.
		assertThat(clip.windowStart()).isEqualTo(from.minusSeconds(1));
		assertThat(clip.windowEnd()).isEqualTo(to.plusSeconds(1));
		WebhookRecordingIntegrationTests.assertVerifiedH264(Path.of(clip.path()), 7.0);
		List<Double> packets = ClipPackets.times(Path.of(clip.path()));
		assertThat(packets).hasSizeBetween(67, 73);
		assertThat(ClipPackets.largestGap(packets)).as("no hole where the buffer's segments were joined")
			.isLessThanOrEqualTo(ClipPackets.MOST_ARRIVAL_JITTER);
		assertThat(metrics()).contains("videostore_buffer_buffering{camera=\"demo\"} 1.0");
	}

	@Test
	void overlappingAlarmsGetOverlappingClipsFromTheSameBufferWithoutRecordingTwice() throws Exception {
		LocalDateTime first = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
		LocalDateTime second = first.plusSeconds(2);

		HttpResponse<String> a = rig.post(WebhookRig.alarm("ovl1", "Overlap A", first.toString()));
		HttpResponse<String> b = rig.post(WebhookRig.alarm("ovl2", "Overlap B", second.toString()));
		Set<String> sampled = ConcurrentHashMap.newKeySet();
		try (CommandLineSampler sampler = new CommandLineSampler(sampled,
				(p) -> p.info().command().orElse("").endsWith("/ffmpeg"))) {
			rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(b), Duration.ofSeconds(30));
		}
		// Whole command lines of ffmpeg (not the argument lists also sampled), clips
		// aside.
		List<String> ffmpeg = sampled.stream().filter((c) -> c.contains("/ffmpeg ") && !c.contains("concat")).toList();

		JobView jobA = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(a), Duration.ofSeconds(30))
			.get(0);
		JobView jobB = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(b), Duration.ofSeconds(30))
			.get(0);
		assertThat(List.of(jobA.state(), jobB.state())).containsOnly(JobState.DONE);
		ClipView clipA = rig.clips().clip(jobA.clipId()).orElseThrow();
		ClipView clipB = rig.clips().clip(jobB.clipId()).orElseThrow();
		assertThat(clipA.path()).isNotEqualTo(clipB.path());
		// [first − 3 s, first + 2 s] and [first − 1 s, first + 4 s], each cut 1 s wider:
		// 5 s shared, no hole.
		assertThat(clipB.windowStart()).isBefore(clipA.windowEnd());
		assertThat(Duration.between(clipB.windowStart(), clipA.windowEnd())).isEqualTo(Duration.ofSeconds(5));
		assertThat(ffmpeg.stream().filter((c) -> c.contains("-f segment")).distinct())
			.as("only the buffer's own ffmpeg captured from the camera")
			.hasSize(1);
		assertThat(ffmpeg).allMatch((c) -> c.contains("-f segment"));
	}

	@Test
	void createdOnAheadOfThisMachinesClockIsAnchoredOnTheWebhooksArrival() throws Exception {
		LocalDateTime createdOn = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
		Instant posted = Instant.now();

		HttpResponse<String> r = rig.post(WebhookRig.alarm("pre2", "Clock ahead", createdOn.toString()));

		assertThat(r.statusCode()).isEqualTo(202);
		JobView job = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(30)).get(0);
		assertThat(job.state()).as(job.reason()).isEqualTo(JobState.DONE);
		assertThat(Duration.between(posted.minusSeconds(3), job.windowStart()).toMillis())
			.as("window starts pre_roll before the arrival, not before the future createdOn")
			.isBetween(0L, 1000L);
		ClipView clip = rig.clips().clip(job.clipId()).orElseThrow();
		assertThat(clip.durationSeconds()).isCloseTo(7.0, within(0.3));
	}

	@Test
	void alarmOlderThanTheBufferFailsWithAReasonThatNamesTheBufferLengthAndClockSkew() throws Exception {
		// The buffer keeps 3 + 2 + 10 + 10 = 25 s; this window ended 118 s ago.
		LocalDateTime createdOn = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.SECONDS);

		HttpResponse<String> r = rig.post(WebhookRig.alarm("pre3", "Very late", createdOn.toString()));

		assertThat(r.statusCode()).isEqualTo(202);
		JobView job = rig.awaitJobsFinished(WebhookRecordingIntegrationTests.alarmId(r), Duration.ofSeconds(30)).get(0);
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.reason()).contains("older than the buffer", "keeps the last 25 s", "webhooks.clock_skew");
		assertThat(job.clipId()).isNull();
	}

	private static String metrics() throws Exception {
		return rig.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
