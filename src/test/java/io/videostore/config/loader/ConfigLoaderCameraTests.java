package io.videostore.config.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link ConfigLoader} reads the legacy {@code camera} and the
 * {@code cameras} list.
 */
class ConfigLoaderCameraTests {

	private static final MatchRules ALARM_LABELS = new MatchRules(false, List.of(), List.of(), List.of(), List.of(),
			null);

	@TempDir
	Path dir;

	@Test
	void singleCameraWithoutIdIsCamera1AndAUrlMakesItAUrlSource() {
		AppConfig config = ConfigFiles.load(this.dir, """
				cameras:
				  - url: rtsp://192.168.1.21:554/stream1
				""");
		CameraConfig camera = config.cameras().get(0);
		assertThat(camera.id()).isEqualTo("camera1");
		assertThat(camera.name()).isEqualTo("camera1");
		assertThat(camera.source()).isEqualTo(CameraSourceType.URL);
		assertThat(camera.url()).isEqualTo("rtsp://192.168.1.21:554/stream1");
		assertThat(camera.auth()).isEqualTo(CameraAuth.NONE);
		assertThat(camera.match()).isEqualTo(ALARM_LABELS);
		assertThat(config.demoFallback()).isFalse();
	}

	@Test
	void ixonCameraReadsItsKeysAndMatchRules() {
		AppConfig config = ConfigFiles.load(this.dir, """
				cameras:
				  - id: hall
				    name: Hall camera
				    company_id: '1111'
				    webaccess_service_id: srv1
				    webaccess_access_type: HTTPS
				    stream_path: /mjpg/video.mjpg
				    auth: {type: Basic, username: viewer, password: pw}
				    match:
				      device_id: 42
				      device_name: [Press 1, Press 2]
				      company_id: '1111'
				      system_label: alarm-high
				      text: 'door|gate'
				""");
		CameraConfig camera = config.cameras().get(0);
		assertThat(camera)
			.extracting(CameraConfig::id, CameraConfig::name, CameraConfig::source, CameraConfig::companyId,
					CameraConfig::webaccessServiceId, CameraConfig::webaccessAccessType, CameraConfig::streamPath)
			.containsExactly("hall", "Hall camera", CameraSourceType.IXON, "1111", "srv1", "https", "/mjpg/video.mjpg");
		assertThat(camera.auth()).isEqualTo(new CameraAuth(AuthType.BASIC, "viewer", "pw"));
		MatchRules match = camera.match();
		assertThat(match.all()).isFalse();
		assertThat(match.deviceIds()).containsExactly("42");
		assertThat(match.deviceNames()).containsExactly("Press 1", "Press 2");
		assertThat(match.companyIds()).containsExactly("1111");
		assertThat(match.systemLabels()).containsExactly("alarm-high");
		assertThat(match.text().pattern()).isEqualTo("door|gate");
	}

	@Test
	void authWithoutTypeMeansDigestAsInTheLegacyTemplate() {
		AppConfig config = ConfigFiles.load(this.dir, """
				cameras:
				  - url: http://cam.local/mjpg
				    auth: {username: viewer, password: pw}
				""");
		assertThat(config.cameras().get(0).auth().type()).isEqualTo(AuthType.DIGEST);
	}

	@Test
	void legacyCameraMayKeepAnEmptyUserNameAsTheOriginalTemplateDid() {
		AppConfig config = ConfigFiles.load(this.dir, """
				camera:
				  auth: {type: digest, username: '', password: ''}
				  company_id: c1
				  webaccess_service_id: s1
				""");
		assertThat(config.cameras().get(0).auth()).isEqualTo(new CameraAuth(AuthType.DIGEST, "", ""));
	}

	@Test
	void configuredLegacyCameraComesFirstAsDefaultBeforeTheList() {
		AppConfig config = ConfigFiles.load(this.dir, """
				camera:
				  company_id: c1
				  webaccess_service_id: s1
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				  - id: test
				    source: demo
				""");
		assertThat(config.cameras()).extracting(CameraConfig::id).containsExactly("default", "gate", "test");
		assertThat(config.cameras()).extracting(CameraConfig::source)
			.containsExactly(CameraSourceType.IXON, CameraSourceType.URL, CameraSourceType.DEMO);
		assertThat(config.camera("default")).get().extracting(CameraConfig::match).isEqualTo(MatchRules.ALL);
		assertThat(config.camera("gate")).get().extracting(CameraConfig::match).isEqualTo(ALARM_LABELS);
	}

	@Test
	void cameraVideoKeysOverrideTheGlobalOnesForThatCameraOnly() {
		AppConfig config = ConfigFiles.load(this.dir, """
				video:
				  duration: 10
				  framerate: 10
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				    video: {duration: 20, recode: false}
				  - id: test
				    source: demo
				""");
		VideoConfig global = config.video();
		assertThat(config.camera("gate").get().video()).isEqualTo(new VideoConfig(false, Duration.ofSeconds(20), 10,
				false, "auto", Path.of("videos"), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10)));
		assertThat(config.camera("test").get().video()).isEqualTo(global);
		assertThat(global.duration()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void demoCameraGetsTheGlobalVideoSettings() {
		AppConfig config = ConfigFiles.load(this.dir, "video:\n  duration: 3\n");
		assertThat(config.cameras()).containsExactly(CameraConfig.demo(config.video()));
		assertThat(config.video().duration()).isEqualTo(Duration.ofSeconds(3));
	}

}
