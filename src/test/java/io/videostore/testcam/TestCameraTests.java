package io.videostore.testcam;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.testcam.TestCamera.Options;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TestCameraTests {

	private static final Options SMALL = Options.none().withSize(320, 180);

	private final CameraClient client = new CameraClient();

	@Test
	void streamsFramesAtTheConfiguredRateAndSurvivesClientsLeaving() throws Exception {
		try (TestCamera camera = TestCamera.start(SMALL.withFps(10))) {
			HttpResponse<InputStream> response = this.client.get(camera.uri(), null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValue("multipart/x-mixed-replace;boundary=" + TestCamera.BOUNDARY);
			try (StreamRecorder stream = new StreamRecorder(response.body())) {
				long start = System.nanoTime();
				await().atMost(Duration.ofSeconds(5)).until(() -> stream.boundaries() >= 11);
				assertThat((System.nanoTime() - start) / 1e9).as("10 frames at 10 fps").isBetween(0.7, 1.6);
				BufferedImage frame = stream.firstFrame();
				assertThat(frame.getWidth()).isEqualTo(320);
				assertThat(frame.getHeight()).isEqualTo(180);
			}
			try (StreamRecorder again = new StreamRecorder(this.client.get(camera.uri(), null).body())) {
				await().atMost(Duration.ofSeconds(5)).until(() -> again.boundaries() > 0);
			}
			assertThat(camera.connections()).isEqualTo(2);
			assertThat(camera.authFailures()).isZero();
			assertThat(camera.requestLog()).containsExactly("GET /mjpg/video.mjpg -> 200",
					"GET /mjpg/video.mjpg -> 200");
		}
	}

	@Test
	void basicAuthRejectsWrongPasswordAndAcceptsTheRightOne() throws Exception {
		try (TestCamera camera = TestCamera.start(Options.basic("admin", "secret").withSize(320, 180))) {
			HttpResponse<InputStream> bare = this.client.get(camera.uri(), null);
			assertThat(bare.statusCode()).isEqualTo(401);
			assertThat(bare.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"testcam\"");
			assertThat(this.client.get(camera.uri(), CameraClient.basic("admin", "wrong")).statusCode()).isEqualTo(401);
			HttpResponse<InputStream> right = this.client.get(camera.uri(), CameraClient.basic("admin", "secret"));
			assertThat(right.statusCode()).isEqualTo(200);
			right.body().close();
			assertThat(camera.authFailures()).isEqualTo(1);
			assertThat(camera.connections()).isEqualTo(1);
			assertThat(camera.requestLog()).containsExactly("GET /mjpg/video.mjpg -> 401",
					"GET /mjpg/video.mjpg -> 401", "GET /mjpg/video.mjpg -> 200");
			assertThat(String.join("\n", camera.requestLog())).doesNotContain("secret", "wrong", "admin");
		}
	}

	@Test
	void digestAcceptsHandComputedResponsesWithAndWithoutQop() throws Exception {
		try (TestCamera camera = TestCamera.start(Options.digest("admin", "secret").withSize(320, 180))) {
			HttpResponse<InputStream> bare = this.client.get(camera.uri(), null);
			assertThat(bare.statusCode()).isEqualTo(401);
			String challenge = bare.headers().firstValue("WWW-Authenticate").orElseThrow();
			assertThat(challenge).startsWith("Digest realm=\"testcam\"").contains("qop=\"auth\"", "algorithm=MD5");
			String nonce = quoted(challenge, "nonce");
			String opaque = quoted(challenge, "opaque");
			String path = camera.uri().getRawPath();
			String ha1 = CredentialCheck.md5("admin:testcam:secret");
			String ha2 = CredentialCheck.md5("GET:" + path);
			String rfc7616 = "Digest username=\"admin\", realm=\"testcam\", nonce=\"" + nonce + "\", uri=\"" + path
					+ "\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\""
					+ CredentialCheck.md5(ha1 + ":" + nonce + ":00000001:0a4f113b:auth:" + ha2) + "\", opaque=\""
					+ opaque + "\"";
			HttpResponse<InputStream> ok = this.client.get(camera.uri(), rfc7616);
			assertThat(ok.statusCode()).isEqualTo(200);
			try (StreamRecorder stream = new StreamRecorder(ok.body())) {
				await().atMost(Duration.ofSeconds(5)).until(() -> stream.boundaries() > 0);
			}
			String rfc2069 = "Digest username=\"admin\", realm=\"testcam\", nonce=\"" + nonce + "\", uri=\"" + path
					+ "\", response=\"" + CredentialCheck.md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
			HttpResponse<InputStream> old = this.client.get(camera.uri(), rfc2069);
			assertThat(old.statusCode()).isEqualTo(200);
			old.body().close();
			String wrong = rfc2069.replace(CredentialCheck.md5(ha1 + ":" + nonce + ":" + ha2),
					CredentialCheck.md5(CredentialCheck.md5("admin:testcam:wrong") + ":" + nonce + ":" + ha2));
			assertThat(this.client.get(camera.uri(), wrong).statusCode()).isEqualTo(401);
			assertThat(camera.connections()).isEqualTo(2);
			assertThat(camera.authFailures()).isEqualTo(1);
		}
	}

	@Test
	void digestWorksWithApacheHttpClient() throws Exception {
		try (TestCamera camera = TestCamera.start(Options.digest("admin", "secret").withSize(320, 180))) {
			CredentialsProvider credentials = CredentialsProviderBuilder.create()
				.add(new HttpHost("127.0.0.1", camera.port()), "admin", "secret".toCharArray())
				.build();
			try (CloseableHttpClient apache = HttpClients.custom().setDefaultCredentialsProvider(credentials).build()) {
				HttpGet request = new HttpGet(camera.uri());
				ClassicHttpResponse response = apache.executeOpen(null, request, null);
				assertThat(response.getCode()).isEqualTo(200);
				byte[] head = response.getEntity().getContent().readNBytes(32);
				assertThat(new String(head, StandardCharsets.ISO_8859_1))
					.startsWith("--" + TestCamera.BOUNDARY + "\r\n");
				// Closing the response would drain the endless body; cancelling drops the
				// connection instead.
				request.cancel();
			}
			assertThat(camera.connections()).isEqualTo(1);
			assertThat(camera.authFailures()).isZero();
		}
	}

	@Test
	void unknownPathIs404() throws Exception {
		try (TestCamera camera = TestCamera.start(SMALL)) {
			assertThat(this.client.get(camera.uri().resolve("/axis-cgi/mjpg/video.cgi"), null).statusCode())
				.isEqualTo(404);
			assertThat(camera.requestLog()).containsExactly("GET /axis-cgi/mjpg/video.cgi -> 404");
			assertThat(camera.connections()).isZero();
		}
	}

	@Test
	void dropAfterCutsTheConnectionAbruptly() throws Exception {
		try (TestCamera camera = TestCamera.start(SMALL.withFps(20).dropAfter(Duration.ofMillis(600)));
				StreamRecorder stream = new StreamRecorder(this.client.get(camera.uri(), null).body())) {
			stream.awaitEnd(3000);
			assertThat(stream.ended()).isTrue();
			assertThat(stream.endSeconds()).isBetween(0.4, 1.5);
			// No terminating chunk: the client must see a broken stream, not a clean end.
			assertThat(stream.failure()).isNotNull();
			assertThat(stream.boundaries()).isBetween(8, 14);
		}
	}

	@Test
	void stallAfterGoesSilentUntilTheCameraClosesPromptly() throws Exception {
		TestCamera camera = TestCamera.start(SMALL.withFps(20).stallAfter(Duration.ofMillis(500)));
		try (StreamRecorder stream = new StreamRecorder(this.client.get(camera.uri(), null).body())) {
			// Silent from 0.5 s on, yet the connection stays open.
			await().during(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(3)).until(() -> !stream.ended());
			assertThat(stream.lastByteSeconds()).isBetween(0.3, 0.9);
			assertThat(stream.boundaries()).isBetween(7, 12);
			long start = System.nanoTime();
			camera.close();
			assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
			stream.awaitEnd(1000);
			assertThat(stream.ended()).isTrue();
		}
	}

	@Test
	void closeEndsStreamsAndStopsListeningPromptly() throws Exception {
		TestCamera camera = TestCamera.start(SMALL.withFps(25));
		try (StreamRecorder stream = new StreamRecorder(this.client.get(camera.uri(), null).body())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> stream.boundaries() > 0);
			long start = System.nanoTime();
			camera.close();
			assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
			stream.awaitEnd(1000);
			assertThat(stream.ended()).isTrue();
		}
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.client.get(camera.uri(), null));
	}

	private static String quoted(String header, String name) {
		Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
		assertThat(matcher.find()).as(name + " in " + header).isTrue();
		return matcher.group(1);
	}

}
