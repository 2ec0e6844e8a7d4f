package io.videostore.webhook;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.videostore.clips.ClipView;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.TestIndex;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.RetentionConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.testcam.LocalS3;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Alarms posted to the running service end as verified clips linked in the index.
 */
@NoFfmpegLeftBehind
class WebhookRecordingIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void sampleAlarmInBothEncodingsRecordsAVerifiedDemoClipEach() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(2));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 2))) {
			String createdOn = WebhookRig.createdOn(0);
			HttpResponse<String> plain = rig.post(WebhookRig.example("cloud-notify-alarm.json", createdOn));
			assertThat(plain.statusCode()).isEqualTo(202);
			List<JobView> first = rig.awaitJobsFinished(alarmId(plain), Duration.ofSeconds(30));

			// IXON sends the same alarm again, as a JSON string: its moment is on the
			// clip,
			// so it is linked, not re-recorded.
			HttpResponse<String> encoded = rig
				.post(WebhookRig.example("cloud-notify-alarm-double-encoded.json", createdOn));
			assertThat(encoded.statusCode()).isEqualTo(200);
			assertThat(encoded.body()).contains("duplicate of alarm " + alarmId(plain));

			assertThat(first).singleElement().satisfies((j) -> assertThat(j.state()).isEqualTo(JobState.DONE));
			ClipView clip = rig.clips().clip(first.get(0).clipId()).orElseThrow();
			assertThat(Path.of(clip.path()).getFileName().toString())
				.isEqualTo(createdOn.replace(':', '-') + "_Line_4_Case_Packer.mp4");
			assertVerifiedH264(Path.of(clip.path()), 2.0);
		}
	}

	@Test
	void theSameAlarmRaisedAgainAfterItsClipEndedGetsAClipOfItsOwn() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			HttpResponse<String> first = rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)));
			assertThat(first.statusCode()).isEqualTo(202);
			JobView clip1 = rig.awaitJobsFinished(alarmId(first), Duration.ofSeconds(30)).get(0);
			// The clip has ended; the machine raises the same alarm again, well within
			// the
			// 30 s dedupe window.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Instant.now().isAfter(clip1.finishedAt().plusSeconds(2)));

			HttpResponse<String> again = rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)));

			assertThat(again.statusCode()).isEqualTo(202);
			JobView clip2 = rig.awaitJobsFinished(alarmId(again), Duration.ofSeconds(30)).get(0);
			assertThat(clip2.state()).isEqualTo(JobState.DONE);
			assertThat(clip2.clipId()).isNotEqualTo(clip1.clipId());
		}
	}

	@Test
	void retentionDeletesTheLocalCopyOfAClipOverMaxBytesAndTheIndexKeepsItsRowWithWhy() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		StorageConfig storage = new StorageConfig(null, new RetentionConfig(null, 1L, 0));
		try (WebhookRig rig = WebhookRig.startWithRetention(List.of(CameraConfig.demo(video)), video,
				WebhookRig.webhooks(10, 1), storage)) {
			HttpResponse<String> r = rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)));
			JobView job = rig.awaitJobsFinished(alarmId(r), Duration.ofSeconds(30)).get(0);

			await().atMost(Duration.ofSeconds(10))
				.until(() -> "deleted".equals(rig.clips().clip(job.clipId()).orElseThrow().location()));
			ClipView clip = rig.clips().clip(job.clipId()).orElseThrow();
			assertThat(Path.of(clip.path())).doesNotExist();
			assertThat(clip.deletedReason()).isEqualTo("the folder's clips took more than max_bytes 1 byte");
			assertThat(job.state()).isEqualTo(JobState.DONE);
		}
	}

	@Test
	void withABucketConfiguredTheClipOfAnAlarmReachesTheBucketWithItsAlarmInTheMetadata(@TempDir Path bucket)
			throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		try (LocalS3 s3 = LocalS3.start(bucket);
				WebhookRig rig = WebhookRig.startWithRetention(List.of(CameraConfig.demo(video)), video,
						WebhookRig.webhooks(10, 1),
						new StorageConfig(s3.config("site-a", true), RetentionConfig.DEFAULTS))) {
			String createdOn = WebhookRig.createdOn(0);
			HttpResponse<String> r = rig.post(WebhookRig.alarm("dev-9", "Presse Köln", createdOn));
			JobView job = rig.awaitJobsFinished(alarmId(r), Duration.ofSeconds(30)).get(0);

			await().atMost(Duration.ofSeconds(20))
				.until(() -> "both".equals(rig.clips().clip(job.clipId()).orElseThrow().location()));
			String name = Path.of(rig.clips().clip(job.clipId()).orElseThrow().path()).getFileName().toString();
			String key = "site-a/demo/" + createdOn.substring(0, 10).replace('-', '/') + "/" + name;
			assertThat(s3.head(key).metadata()).containsEntry("alarm-id", String.valueOf(alarmId(r)))
				.containsEntry("device-id", "dev-9")
				.containsEntry("device-name", "Presse K%C3%B6ln")
				.containsEntry("created-on", createdOn + "Z");
		}
	}

	@Test
	void doubleEncodedAlarmAloneRecordsToo() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		try (WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			HttpResponse<String> r = rig.post(WebhookRig.example("cloud-notify-alarm-double-encoded.json"));

			assertThat(r.statusCode()).isEqualTo(202);
			JobView job = rig.awaitJobsFinished(alarmId(r), Duration.ofSeconds(30)).get(0);
			assertThat(job.state()).isEqualTo(JobState.DONE);
			assertThat(rig.alarms().alarm(alarmId(r)).orElseThrow().deviceName()).isEqualTo("Line 4 Case Packer");
		}
	}

	@Test
	void aSecondAlarmDuringACaptureExtendsItSoOneClipCoversBothWindows() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", "cam-pass"))) {
			VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(4));
			CameraConfig camera = new CameraConfig("line4", "Line 4", CameraSourceType.URL, cam.uri().toString(),
					new CameraAuth(AuthType.DIGEST, "admin", "cam-pass"), null, null, null, null, MatchRules.ALL,
					video);
			try (WebhookRig rig = WebhookRig.start(List.of(camera), video, WebhookRig.webhooks(10, 2))) {
				long a = alarmId(rig.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0))));
				// The first capture has been running for a while when the second alarm
				// comes.
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					JobView job = rig.jobs().jobsForAlarm(a).get(0);
					return job.startedAt() != null && Instant.now().isAfter(job.startedAt().plusSeconds(1));
				});
				HttpResponse<String> second = rig
					.post(WebhookRig.alarm("dev1", "Press 1", WebhookRig.createdOn(0)).replace("Door open", "Oil low"));
				long b = alarmId(second);

				assertThat(second.body()).contains("\"state\":\"joined\"");
				JobView ja = rig.awaitJobsFinished(a, Duration.ofSeconds(30)).get(0);
				JobView jb = rig.awaitJobsFinished(b, Duration.ofSeconds(30)).get(0);
				assertThat(ja.state()).isEqualTo(JobState.DONE);
				assertThat(jb.state()).isEqualTo(JobState.JOINED);
				assertThat(jb.clipId()).isEqualTo(ja.clipId()).isNotNull();
				assertThat(cam.connections()).isEqualTo(1);
				// One clip, extended past the first alarm's 4 s to the end of the
				// second's.
				ClipView clip = rig.clips().clip(ja.clipId()).orElseThrow();
				assertThat(clip.windowEnd()).as("the clip reaches the end of the second alarm's window")
					.isAfter(jb.windowEnd().minusMillis(500));
				double length = Duration.between(clip.windowStart(), clip.windowEnd()).toMillis() / 1000.0;
				assertThat(length).as("longer than one alarm's 4 s").isGreaterThan(4.8);
				assertVerifiedH264(Path.of(clip.path()), length);
			}
		}
	}

	@Test
	void aWorkerWhoseJobThrowsKeepsRecordingLaterAlarms() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		CameraConfig broken = new CameraConfig("broken", "Broken", CameraSourceType.URL, "http://bad host/x",
				CameraAuth.NONE, null, null, null, null,
				new MatchRules(false, List.of("devBroken"), List.of(), List.of(), List.of(), null), video);
		CameraConfig demo = new CameraConfig("demo", "Demo", CameraSourceType.DEMO, null, CameraAuth.NONE, null, null,
				null, null, new MatchRules(false, List.of("devOk"), List.of(), List.of(), List.of(), null), video);
		try (WebhookRig rig = WebhookRig.start(List.of(broken, demo), video, WebhookRig.webhooks(10, 1))) {
			long bad = alarmId(rig.post(WebhookRig.alarm("devBroken", "Broken", WebhookRig.createdOn(0))));
			JobView failed = rig.awaitJobsFinished(bad, Duration.ofSeconds(20)).get(0);
			long good = alarmId(rig.post(WebhookRig.alarm("devOk", "Fine", WebhookRig.createdOn(0))));
			JobView done = rig.awaitJobsFinished(good, Duration.ofSeconds(20)).get(0);

			assertThat(failed.state()).isEqualTo(JobState.FAILED);
			assertThat(failed.reason()).startsWith("internal error");
			assertThat(done.state()).isEqualTo(JobState.DONE);
		}
	}

	@Test
	void gracefulShutdownLetsARunningRecordingFinishAndStillTakesAlarmsWhileItDrains() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(4));
		WebhookRig rig = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1));
		long id = alarmId(rig.post(WebhookRig.alarm("g1", "Graceful", WebhookRig.createdOn(0))));
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> JobState.RUNNING == rig.jobs().jobsForAlarm(id).get(0).state());

		Thread stopping = new Thread(rig::close);
		stopping.start();
		// While the recording drains, the port stays open and an alarm is stored, left
		// queued for the next start.
		Thread.sleep(500);
		HttpResponse<String> during = rig.post(WebhookRig.alarm("g2", "Drain", WebhookRig.createdOn(0)));
		stopping.join(60_000);
		assertThat(during.statusCode()).isEqualTo(202);
		long queued = alarmId(during);

		try (TestIndex stored = TestIndex.open(videos, java.time.Clock.systemUTC())) {
			JobView job = stored.jobs.jobsForAlarm(id).get(0);
			assertThat(job.state()).isEqualTo(JobState.DONE);
			assertThat(Path.of(stored.clips.clip(job.clipId()).orElseThrow().path())).exists();
		}
		try (WebhookRig next = WebhookRig.start(List.of(CameraConfig.demo(video)), video, WebhookRig.webhooks(10, 1))) {
			assertThat(next.awaitJobsFinished(queued, Duration.ofSeconds(30))).singleElement()
				.satisfies((j) -> assertThat(j.clipId()).isNotNull());
		}
	}

	static long alarmId(HttpResponse<String> r) {
		return Long.parseLong(r.body().replaceAll("(?s).*\"alarmId\":(\\d+).*", "$1"));
	}

	static void assertVerifiedH264(Path clip, double seconds) {
		assertThat(Files.exists(clip)).isTrue();
		ClipProbe p = new Ffprobe(FfmpegLocator.withDefaultCache().locate("auto")).probe(clip).orElseThrow();
		assertThat(p.codec()).isEqualTo("h264");
		assertThat(p.pixelFormat()).isEqualTo("yuv420p");
		assertThat(p.durationSeconds()).isCloseTo(seconds, within(0.5));
	}

}
