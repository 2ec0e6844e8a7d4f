package io.videostore.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without a webhook secret the service listens on loopback only, so nothing from another
 * machine reaches it; and a request that any proxy relayed is not trusted as local.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretBindingIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void withoutASecretTheServiceCannotBeReachedFromTheNetwork() throws Exception {
		InetAddress lan = nonLoopbackAddress();
		try (ConfigurableApplicationContext context = start("")) {
			int port = port(context);

			assertThat(RawHttp.exchange(port, RawHttp.get("/actuator/health/liveness")).status()).isEqualTo(200);
			assertThatThrownBy(() -> RawHttp.exchange(lan.getHostAddress(), port, RawHttp.get("/actuator/health")))
				.isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void withASecretTheServiceListensOnEveryInterface() throws Exception {
		InetAddress lan = nonLoopbackAddress();
		try (ConfigurableApplicationContext context = start("a-long-random-webhook-secret-0123456789")) {
			int port = port(context);

			assertThat(RawHttp.exchange(lan.getHostAddress(), port, RawHttp.get("/actuator/health/liveness")).status())
				.isEqualTo(200);
		}
	}

	@Test
	void anAddressSetExplicitlyWinsWithAWarning(CapturedOutput output) throws Exception {
		System.setProperty("server.address", "0.0.0.0");
		try (ConfigurableApplicationContext context = start("")) {
			assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
			assertThat(output.getAll()).contains("webhooks.secret is not set and server.address is 0.0.0.0");
		}
		finally {
			System.clearProperty("server.address");
		}
	}

	@Test
	void withoutASecretARequestAnyProxyRelayedIsRefused() throws Exception {
		try (ConfigurableApplicationContext context = start("")) {
			String body = "{\"createdOn\":\"2026-11-26T12:26:24\",\"systemLabel\":\"device-transfer\"}";
			for (String header : List.of("X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9",
					"X-Real-IP: 203.0.113.9", "X-Forwarded-Host: video.example.com", "X-Forwarded-Proto: https",
					"Via: 1.1 proxy", "X-Client-IP: 203.0.113.9", "True-Client-IP: 203.0.113.9",
					"CF-Connecting-IP: 203.0.113.9", "Client-IP: 203.0.113.9", "X-Original-Forwarded-For: 203.0.113.9",
					"x-forwarded-server: proxy")) {
				assertThat(RawHttp.exchange(port(context), RawHttp.post("/webhook", body, header)).status()).as(header)
					.isEqualTo(401);
			}
			assertThat(RawHttp.exchange(port(context), RawHttp.post("/webhook", body)).status()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start(String secret) {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(1));
		return ServiceLauncher.start(
				new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
						List.of(CameraConfig.demo(video)), video,
						new WebhooksConfig(10, 1, secret, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false),
				0, false, java.util.Map.of());
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * An address of this machine other than loopback; the test is skipped without one.
	 */
	private static InetAddress nonLoopbackAddress() throws IOException {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!nic.isUp() || nic.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && reachable(address)) {
					return address;
				}
			}
		}
		assumeTrue(false, "this machine has no address other than loopback");
		return null;
	}

	private static boolean reachable(InetAddress address) {
		return !address.isLoopbackAddress() && !address.isLinkLocalAddress();
	}

}
