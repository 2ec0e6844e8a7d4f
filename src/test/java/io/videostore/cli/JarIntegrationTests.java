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
		int port = freePort();
		Process p = startJar(jar, port);
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

	/**
	 * After a restart, alarms often arrive in a burst: the first must not wait for
	 * anything the service does at start. Posted the moment the port accepts a
	 * connection, on a cold JVM, it is stored (202, not 503) and its recording starts at
	 * once. The figures are printed; the bounds leave room for a busy 2-core machine (the
	 * medians are in BENCHMARKS.md, from {@code bench/first-alarm.sh}).
	 */
	@Test
	void anAlarmPostedTheMomentThePortOpensIsStoredAndStartsRecordingAtOnce() throws Exception {
		Path jar = Path.of("target/app.jar").toAbsolutePath();
		int port = freePort();
		Files.writeString(this.dir.resolve("config.yml"), """
				video:
				  duration: 3
				""");
		Process p = startJar(jar, port);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!accepts(port)) {
				assertThat(p.isAlive()).as(() -> log()).isTrue();
				assertThat(System.nanoTime()).as("the port opens within 60 s").isLessThan(deadline);
				Thread.sleep(5);
			}
			long posted = System.nanoTime();
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("""
							{"companyId":"c1","createdOn":"%s","systemLabel":"alarm-high","shortContent":"First",
							 "extraInfo":{"Device ID":"d1","Device name":"Press"}}"""
						.formatted(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0))))
					.build(), HttpResponse.BodyHandlers.ofString());
			long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted);
			assertThat(answer.statusCode()).as(() -> answer.body() + "\n" + log()).isEqualTo(202);

			String[] alarm = new String[1];
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
				alarm[0] = get(port, "/api/alarms/1");
				return alarm[0].contains("\"startedAt\":\"") && alarm[0].contains("\"clips\":[{");
			});
			java.time.Instant received = instant(alarm[0], "receivedAt");
			java.time.Instant started = instant(alarm[0], "startedAt");
			java.time.Instant firstFrame = instant(alarm[0].substring(alarm[0].indexOf("\"clips\":[")), "windowStart");
			long startMillis = Duration.between(received, started).toMillis();
			long frameMillis = Duration.between(received, firstFrame).toMillis();
			System.out.printf("First alarm after the port opened: answered in %d ms, job running %d ms and first "
					+ "frame %d ms after it arrived%n", answeredMillis, startMillis, frameMillis);
			// A cold JVM's first request loads its classes: 0.4-0.7 s on a quiet machine,
			// 3 s
			// seen on a starved one. The bound catches an alarm held behind start-up work
			// (the warm-up's lock held one 4 s and more); the figures are
			// bench/first-alarm.sh's.
			assertThat(answeredMillis).as("answered (stored) in ms; target 100 ms on a quiet machine")
				.isLessThan(10_000);
			assertThat(startMillis).as("recording started after arrival, in ms; target 1 s").isLessThan(1000);
		}
		finally {
			p.destroy();
			if (!p.waitFor(40, TimeUnit.SECONDS)) {
				p.destroyForcibly();
			}
		}
	}

	/**
	 * The jar as the README runs it, in this test's folder, its output in service.log.
	 */
	private Process startJar(Path jar, int port) throws IOException {
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "-p", String.valueOf(port))
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("service.log").toFile())
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static boolean accepts(int port) {
		try (java.net.Socket s = new java.net.Socket()) {
			s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String get(int port, String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static java.time.Instant instant(String json, String field) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
		assertThat(m.find()).as(field + " in " + json).isTrue();
		return java.time.Instant.parse(m.group(1));
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
