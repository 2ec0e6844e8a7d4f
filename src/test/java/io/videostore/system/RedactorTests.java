package io.videostore.system;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Redactor}: what may reach a log, an exception message or a user.
 */
class RedactorTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			rtsp://viewer:camera-pass@10.0.0.5:554/axis-media/media.amp | rtsp://****@10.0.0.5:554/axis-media/media.amp
			http://admin:admin123@192.168.1.20/mjpg/video.cgi          | http://****@192.168.1.20/mjpg/video.cgi
			https://user:secret@camera.example.com                     | https://****@camera.example.com
			RTSP://Viewer:Pass@Camera                                  | RTSP://****@Camera
			jdbc:postgresql://videostore:db-pass@db:5432/clips         | jdbc:postgresql://****@db:5432/clips
			rtsp://user:pa%40ss@10.0.0.5/stream                        | rtsp://****@10.0.0.5/stream
			""")
	void passwordInsideUrlIsMasked(String text, String expected) {
		assertThat(Redactor.redact(text)).isEqualTo(expected);
	}

	@Test
	void aUserNameAloneInsideUrlIsMaskedToo() {
		assertThat(Redactor.redact("rtsp://viewer@10.0.0.5/stream")).isEqualTo("rtsp://****@10.0.0.5/stream");
	}

	@Test
	void everyUrlInALineIsMaskedAndTheRestOfTheLineIsKept() {
		String line = "[rtsp @ 0x55d0] method DESCRIBE failed for 'rtsp://viewer:camera-pass@10.0.0.5/a', "
				+ "retrying \"http://admin:admin123@10.0.0.6/b\"";

		assertThat(Redactor.redact(line))
			.isEqualTo("[rtsp @ 0x55d0] method DESCRIBE failed for 'rtsp://****@10.0.0.5/a', "
					+ "retrying \"http://****@10.0.0.6/b\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://10.0.0.5/axis-cgi/mjpg/video.cgi?resolution=640x480&fps=10",
			"Connection to tcp://10.0.0.5:554 failed: Connection refused", "mail service-user@example.com for help",
			"http://camera.local/snapshot@2x.jpg", "http://camera.local/p?mail=user@example.com",
			"[rtsp @ 0x55d0a1b2c3d0] 401 Unauthorized" })
	void textWithoutSecretsIsLeftUnchanged(String text) {
		assertThat(Redactor.redact(text)).isEqualTo(text);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			https://x.ixon.net/wa/s1/?auth=Zm9v&path=/v.cgi       | https://x.ixon.net/wa/s1/?auth=****&path=/v.cgi
			http://cam/video.cgi?fps=10&token=abc123              | http://cam/video.cgi?fps=10&token=****
			http://cam/api?access_token=eyJhbGciOi.eyJzdWIi.sig   | http://cam/api?access_token=****
			http://cam/api?user=viewer&password=camera-pass&fps=5 | http://cam/api?user=viewer&password=****&fps=5
			http://cam/api?secret=s3cret                          | http://cam/api?secret=****
			http://cam/api?PASSWORD=x&Auth=y                      | http://cam/api?PASSWORD=****&Auth=****
			""")
	void authAndTokenQueryParametersAreMasked(String text, String expected) {
		assertThat(Redactor.redact(text)).isEqualTo(expected);
	}

	@Test
	void queryParameterValueEndsAtSpaceOrQuote() {
		assertThat(Redactor.redact("GET '/video.cgi?auth=abc' failed; GET /x?token=def 403"))
			.isEqualTo("GET '/video.cgi?auth=****' failed; GET /x?token=**** 403");
	}

	@Test
	void parametersWhoseNameOnlyEndsLikeASecretAreKept() {
		String url = "http://cam/api?no_auth=1&pretoken=2";

		assertThat(Redactor.redact(url)).isEqualTo(url);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig | Authorization: Bearer ****
			authorization: Basic dmlld2VyOmNhbWVyYS1wYXNz      | authorization: Basic ****
			AUTHORIZATION:Bearer abc                           | AUTHORIZATION:Bearer ****
			Proxy-Authorization: Basic dXNlcjpwYXNz            | Proxy-Authorization: Basic ****
			""")
	void authorizationHeaderValueIsMaskedButItsSchemeKept(String text, String expected) {
		assertThat(Redactor.redact(text)).isEqualTo(expected);
	}

	@Test
	void headerAmongOtherHeadersIsMaskedAlone() {
		String request = "GET /api HTTP/1.1\nHost: portal.ixon.cloud\nAuthorization: Bearer tok3n-value\nAccept: */*";

		assertThat(Redactor.redact(request))
			.isEqualTo("GET /api HTTP/1.1\nHost: portal.ixon.cloud\nAuthorization: Bearer ****\nAccept: */*");
	}

	@Test
	void givenSecretsAreMaskedWhereverTheyAppear() {
		String text = "login failed for service-user@example.com with correct horse battery staple "
				+ "(correct horse battery staple); api key app-id-from-ixon-support";

		assertThat(Redactor.redact(text, List.of("correct horse battery staple", "app-id-from-ixon-support")))
			.isEqualTo("login failed for service-user@example.com with **** (****); api key ****");
	}

	@Test
	void secretsShorterThanFourCharactersAreNotMaskedSoOrdinaryWordsSurvive() {
		String text = "the camera is at 10.0.0.5";

		assertThat(Redactor.redact(text, Arrays.asList("the", "at", "", null))).isEqualTo(text);
		assertThat(Redactor.redact("pin 1234", List.of("1234"))).isEqualTo("pin ****");
	}

	@Test
	void urlCredentialsAndGivenSecretsAreMaskedTogether() {
		String line = "rtsp://viewer:camera-pass@10.0.0.5/a?token=t0k3n failed: camera-pass rejected";

		assertThat(Redactor.redact(line, List.of("camera-pass")))
			.isEqualTo("rtsp://****@10.0.0.5/a?token=**** failed: **** rejected")
			.doesNotContain("camera-pass", "viewer", "t0k3n");
	}

	@Test
	void aSecretThatStartsWithAnotherIsMaskedWhole() {
		assertThat(Redactor.redact("x pass123 y", List.of("pass1", "pass123"))).isEqualTo("x **** y");
	}

	@Test
	void anAtSignInsideAUrlPasswordDoesNotLeakItsEnd() {
		assertThat(Redactor.redact("rtsp://user:p@ss@cam.local/stream1")).isEqualTo("rtsp://****@cam.local/stream1");
	}

	@Test
	void nothingToRedactGivesNothing() {
		assertThat(Redactor.redact(null)).isNull();
		assertThat(Redactor.redact(null, List.of("secret-value"))).isNull();
		assertThat(Redactor.redact("")).isEmpty();
	}

	@Test
	void redactingTwiceChangesNothingMore() {
		String once = Redactor.redact("rtsp://viewer:camera-pass@cam/a?auth=x Authorization: Basic abc",
				List.of("camera-pass"));

		assertThat(Redactor.redact(once, List.of("camera-pass"))).isEqualTo(once);
	}

}
