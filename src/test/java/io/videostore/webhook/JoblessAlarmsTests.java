package io.videostore.webhook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.videostore.clips.AlarmOutcome;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.NewAlarm;
import io.videostore.clips.TestIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.recording.OwnedCameras;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alarm stored by an instance that was killed before it stored the alarm's job is not
 * left without a trace of its cameras: 20 s later its job is closed as failed, saying
 * why.
 */
class JoblessAlarmsTests {

	@TempDir
	Path dir;

	@Test
	void anAlarmWhoseInstanceDiedBeforeItsJobGetsAFailedJobSayingWhyLater() throws Exception {
		Instant now = Instant.parse("2026-12-07T12:00:00Z");
		TestIndex db = TestIndex.open(this.dir, Clock.fixed(now, ZoneOffset.UTC));
		try {
			String payload = Files.readString(Path.of("src/test/resources/examples/cloud-notify-alarm.json"));
			long lost = db.alarms.recordAlarm(alarm(now.minusSeconds(90), payload, "k-1"));
			long young = db.alarms.recordAlarm(alarm(now.minusSeconds(10), payload, "k-2"));
			CameraConfig press = new CameraConfig("press", "press", CameraSourceType.DEMO, null, CameraAuth.NONE, null,
					null, null, null, MatchRules.ALL, VideoConfig.DEFAULTS, "");
			AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(press), VideoConfig.DEFAULTS, WebhooksConfig.DEFAULTS, null, false);
			JoblessAlarms sweeper = new JoblessAlarms(config, db.alarms, db.jobs, db.cluster(),
					new OwnedCameras(false, "one", "", Duration.ofSeconds(15), System::nanoTime),
					Clock.fixed(now, ZoneOffset.UTC));

			assertThat(sweeper.sweep()).isOne();
			assertThat(sweeper.sweep()).as("once").isZero();

			List<JobView> jobs = db.jobs.jobsForAlarm(lost);
			assertThat(jobs).singleElement().satisfies((j) -> {
				assertThat(j.state()).isEqualTo(JobState.FAILED);
				assertThat(j.cameraId()).isEqualTo("press");
				assertThat(j.reason()).contains("stopped (kill -9, crash) or lost the database", "90 s after");
			});
			assertThat(db.jobs.jobsForAlarm(young)).as("its instance may still queue it").isEmpty();
		}
		finally {
			db.close();
		}
	}

	private static NewAlarm alarm(Instant receivedAt, String payload, String key) {
		return new NewAlarm(receivedAt, LocalDateTime.ofInstant(receivedAt, ZoneOffset.UTC), "c1", "d1", "Press",
				"alarm-high", "Door open", key, payload, "127.0.0.1", AlarmOutcome.accepted());
	}

}
