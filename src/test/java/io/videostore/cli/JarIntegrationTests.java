package io.videostore.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar ({@code target/app.jar}, built before failsafe runs) starts and
 * reports UP, as the README's first command runs it: what the test classpath has, the jar
 * may lack (a dependency mediated to test scope once dropped Flyway's Jackson from it).
 */
class JarIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void thePackagedJarStartsOnTheDemoCameraAndReportsUp() throws Exception {
		Path jar = Path.of("target/app.jar").toAbsolutePath();
		assertThat(jar).as("built by the package phase before the integration tests").exists();
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "-p", String.valueOf(port))
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("service.log").toFile());
		service.environment().put("VIDEOSTORE_WARMUP_REQUESTS", "0");
		Process p = service.start();
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !p.isAlive() || up(port));
			assertThat(p.isAlive()).as(() -> log()).isTrue();
			assertThat(up(port)).isTrue();
		}
		finally {
			p.destroy();
			if (!p.waitFor(40, TimeUnit.SECONDS)) {
				p.destroyForcibly();
			}
		}
	}

	private String log() {
		try {
			return Files.readString(this.dir.resolve("service.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static boolean up(int port) {
		try {
			HttpResponse<String> r = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
			return r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"");
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
