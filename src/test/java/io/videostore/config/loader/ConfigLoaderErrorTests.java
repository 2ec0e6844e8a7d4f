package io.videostore.config.loader;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each invalid value is reported with its key path, line and what was
 * expected.
 */
class ConfigLoaderErrorTests {

	@TempDir
	Path dir;

	@Test
	void durationThatIsNotANumberIsRejected() {
		assertError("video:\n  duration: ten\n",
				"video.duration at config.yml:2: expected a positive number of seconds, got 'ten'");
	}

	@Test
	void negativeDurationIsRejected() {
		assertError("video:\n  duration: -1\n",
				"video.duration at config.yml:2: expected a positive number of seconds, got '-1'");
	}

	@Test
	void framerateThatIsNeitherANumberNorAutoIsRejected() {
		assertError("video:\n  recode: true\n  framerate: fast\n", "video.framerate at config.yml:3: "
				+ "expected a positive number of frames per second or 'auto', got 'fast'");
	}

	@Test
	void recodeThatIsNotABooleanIsRejected() {
		assertError("video:\n  recode: maybe\n", "video.recode at config.yml:2: expected true or false, got 'maybe'");
	}

	@Test
	void clockSkewOfMoreThanTenMinutesIsAClockToFixNotToBufferAround() {
		assertError("webhooks:\n  clock_skew: 3600\n", "webhooks.clock_skew at config.yml:2: expected at most 600 "
				+ "seconds (a clock further off should be fixed with NTP), got '3600'");
	}

	@Test
	void databaseUrlThatIsNotJdbcIsRejectedWithoutEchoingIt() {
		assertError("database:\n  url: postgres://vs:hunter22@db/vs\n",
				"database.url at config.yml:2: expected a JDBC URL such as jdbc:sqlite:/var/lib/video-store/index.db"
						+ " or jdbc:postgresql://db.example.com:5432/videostore");
	}

	@Test
	void aDatabaseUserWithoutAUrlIsRejectedWithoutEchoingThePassword() {
		String message = assertError("database:\n  username: vs\n  password: hunter22\n",
				"database.url at config.yml:2: expected the JDBC URL of the database server the username and "
						+ "password are for, such as jdbc:postgresql://db.example.com:5432/videostore, got ''");
		assertThat(message).doesNotContain("hunter22");
	}

	@Test
	void workersMustBePositive() {
		assertError("webhooks:\n  workers: 0\n",
				"webhooks.workers at config.yml:2: expected a positive whole number, got '0'");
	}

	@Test
	void unknownAuthTypeIsRejected() {
		assertError("""
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				    auth:
				      type: ntlm
				      username: viewer
				""", "cameras[0].auth.type at config.yml:5: expected none, basic or digest, got 'ntlm'");
	}

	@Test
	void digestWithoutUserNameIsRejectedForNewCameras() {
		assertError("""
				cameras:
				  - id: gate
				    url: http://cam.local/mjpg
				    auth:
				      type: digest
				""", "cameras[0].auth.username at config.yml:5: "
				+ "expected a user name for digest authentication, got ''");
	}

	@Test
	void urlWithCredentialsIsRejectedWithoutEchoingThem() {
		String message = assertError("""
				cameras:
				  - id: gate
				    url: http://viewer:s3cret@cam.local/mjpg
				""", "cameras[0].url at config.yml:3: expected a URL without credentials "
				+ "(put them in auth.username/auth.password), got 'http://****@cam.local/mjpg'");
		assertThat(message).doesNotContain("s3cret");
		assertThat(assertError("cameras:\n  - source: demo\n    url: rtsp://admin:s3cret@cam.local/1\n",
				"cameras[0].url at config.yml:3: expected a URL without credentials "
						+ "(put them in auth.username/auth.password), got 'rtsp://****@cam.local/1'"))
			.doesNotContain("s3cret");
	}

	@Test
	void urlWithAnotherSchemeIsRejected() {
		assertError("""
				cameras:
				  - id: gate
				    url: ftp://cam.local/video
				""", "cameras[0].url at config.yml:3: "
				+ "expected an http, https or rtsp URL, got 'ftp://cam.local/video'");
	}

	@Test
	void duplicateCameraIdsAreRejected() {
		assertError("""
				cameras:
				  - id: gate
				    source: demo
				  - id: gate
				    source: demo
				""", "cameras[1].id at config.yml:4: expected a unique camera id, got 'gate'");
	}

	@Test
	void cameraIdDefaultClashesWithAConfiguredLegacyCamera() {
		assertError("""
				camera:
				  company_id: c1
				  webaccess_service_id: s1
				cameras:
				  - id: default
				    source: demo
				""", "cameras[0].id at config.yml:5: expected an id other than 'default' (the camera section uses it), "
				+ "got 'default'");
	}

	@Test
	void cameraIdsAreRequiredWhenThereAreSeveralAndMustBeSimple() {
		assertError("cameras:\n  - source: demo\n  - id: b\n    source: demo\n", "cameras[0].id at config.yml:2: "
				+ "expected an id of letters, digits, _ or - (required when there are several cameras), got ''");
		assertError("cameras:\n  - id: my cam\n    source: demo\n",
				"cameras[0].id at config.yml:2: expected an id of letters, digits, _ or -, got 'my cam'");
	}

	@Test
	void ixonCameraWithoutServiceIdIsRejected() {
		assertError("""
				cameras:
				  - id: hall
				    company_id: '1111'
				    webaccess_service_id: ''
				""", "cameras[0].webaccess_service_id at config.yml:4: expected the IXON service publicId, got ''");
		assertError("cameras:\n  - id: hall\n    company_id: '1111'\n",
				"cameras[0].webaccess_service_id at config.yml:2: expected the IXON service publicId, got ''");
	}

	@Test
	void invalidMatchTextRegexIsRejected() {
		assertError("""
				cameras:
				  - id: hall
				    source: demo
				    match:
				      text: 'door('
				""", "cameras[0].match.text at config.yml:5: "
				+ "expected a regular expression (Unclosed group), got 'door('");
	}

	@Test
	void sectionThatIsAListInsteadOfAMapIsRejected() {
		assertError("IXON_api: {}\nvideo:\n  - duration: 10\n",
				"video at config.yml:2: expected a map of settings, got a list");
	}

	@Test
	void fileThatIsNotAMapIsRejected() {
		assertError("- video\n", "config.yml:1: expected a map of sections such as IXON_api and video, got a list");
	}

	@Test
	void yamlSyntaxErrorNamesTheLineWithoutQuotingIt() {
		String message = assertError("IXON_api:\n  password: 'hunter2\n",
				"config.yml:3: invalid YAML: found unexpected end of stream");
		assertThat(message).doesNotContain("hunter2");
		assertError("video:\n  duration: 10\n   recode: true\n",
				"config.yml:3: invalid YAML: mapping values are not allowed here");
	}

	@Test
	void secretsWithTheWrongTypeAreNotEchoed() {
		assertError("webhooks:\n  secret: [a, b]\n", "webhooks.secret at config.yml:2: expected a string, got a list");
	}

	private String assertError(String yaml, String message) {
		return ConfigFiles.assertError(this.dir, yaml, message);
	}

}
