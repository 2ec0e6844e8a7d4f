package io.videostore.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.videostore.cli.TestServices;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.LanAddress;
import io.videostore.testcam.RawHttp;
import io.videostore.testcam.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code /actuator} shows to whom: details (paths, ffmpeg version, camera ids) and
 * metrics only to this machine or to a caller with the webhook secret; the status alone
 * to anyone else.
 */
class ActuatorAccessIntegrationTests {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	@TempDir
	static Path videos;

	static ConfigurableApplicationContext context;

	static int port;

	@BeforeAll
	static void start() {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		context = TestServices
			.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false));
		port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void anAnonymousCallerFromTheNetworkSeesTheHealthStatusOnly() throws Exception {
		Answer health = RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/health"));

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":")
			.doesNotContain("components", "details", "ffmpeg", videos.toString(), "demo");
		assertThat(RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/health/recording")).status())
			.isEqualTo(404);
	}

	@Test
	void anAnonymousCallerFromTheNetworkGetsNoMetrics() throws Exception {
		Answer metrics = RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/prometheus"));

		assertThat(metrics.status()).isEqualTo(401);
		assertThat(metrics.headers()).contains("application/problem+json");
		assertThat(metrics.body()).doesNotContain("videostore_");
	}

	@Test
	void theWebhookSecretAsBearerShowsDetailsAndMetrics() throws Exception {
		String bearer = "Authorization: Bearer " + SECRET;

		assertThat(RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/health", bearer)).body())
			.contains("\"recording\"", "ffmpeg", videos.toString());
		assertThat(RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/prometheus", bearer)).status())
			.isEqualTo(200);
		assertThat(RawHttp.exchange(lanAddress(), port, RawHttp.get("/actuator/health", "Authorization: Bearer guess"))
			.body()).doesNotContain("recording");
	}

	@Test
	void thisMachineSeesDetailsAndMetricsUnlessAProxyRelayedTheRequest() throws Exception {
		assertThat(RawHttp.exchange(port, RawHttp.get("/actuator/health")).body()).contains("\"recording\"", "ffmpeg");
		assertThat(RawHttp.exchange(port, RawHttp.get("/actuator/prometheus")).body()).contains("videostore_");
		assertThat(
				RawHttp.exchange(port, RawHttp.get("/actuator/health", "X-Forwarded-Host: video.example.com")).body())
			.doesNotContain("recording");
		assertThat(RawHttp.exchange(port, RawHttp.get("/actuator/prometheus", "Via: 1.1 proxy")).status())
			.isEqualTo(401);
	}

	@Test
	void withoutWebUsersTheUiAndApiAnswerThisMachineOnly() throws Exception {
		Answer local = RawHttp.exchange(port, RawHttp.get("/api/alarms"));
		Answer network = RawHttp.exchange(lanAddress(), port, RawHttp.get("/api/alarms"));
		Answer proxied = RawHttp.exchange(port, RawHttp.get("/", "X-Forwarded-For: 203.0.113.9"));

		assertThat(local.status()).isNotIn(401, 403);
		assertThat(network.status()).isEqualTo(401);
		assertThat(network.body())
			.contains("no web.users are configured, so the UI and API answer only on this machine");
		assertThat(proxied.status()).isEqualTo(401);
	}

	/**
	 * An address of this machine other than loopback; the test is skipped without one.
	 */
	private static String lanAddress() {
		Optional<String> address = LanAddress.find();
		assumeTrue(address.isPresent(), "this machine has no address other than loopback");
		return address.get();
	}

}
