package io.videostore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts on the demo camera with no IXON account and reports its health.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void serviceStartsOnTheDemoCameraAndReportsRecordingHealth() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos);
		AppConfig config = new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
				List.of(CameraConfig.demo(video)), video, WebhooksConfig.DEFAULTS, null, true);

		try (ConfigurableApplicationContext context = ServiceLauncher.start(config, 0, false, Map.of())) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"", "\"recording\"", "demo (DEMO)", "ffmpeg");
			StringWriter out = new StringWriter();
			assertThat(VideoStoreCommand.commandLine(Map.of())
				.setOut(new PrintWriter(out, true))
				.execute("--health", "-p", port)).as("--health against the running service").isZero();
			assertThat(out.toString()).isEqualTo("UP" + System.lineSeparator());
		}
	}

}
