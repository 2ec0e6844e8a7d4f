package io.videostore.security;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.cli.TestServices;
import io.videostore.clips.Alarms;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without {@code webhooks.secret} the service takes alarms from this machine; a web page
 * of another origin open in a browser on this machine must not be able to post one,
 * whichever way a page can send a POST without the service's consent (a no-cors
 * {@code fetch}, a JSON {@code fetch} that needs a CORS preflight, a form into a frame,
 * {@code navigator.sendBeacon}), to {@code 127.0.0.1} or to {@code localhost}. The page
 * is served from another loopback port and run in Debian's headless Chromium.
 */
class CrossOriginWebhookIntegrationTests {

	@TempDir
	Path videos;

	@Test
	void aPageOfAnotherOriginCannotStoreAnAlarmWhileThisMachineCan() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(this.videos).withDuration(Duration.ofSeconds(1));
		try (ConfigurableApplicationContext service = TestServices
			.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(10, 1, "", Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false))) {
			int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
			Alarms alarms = service.getBean(Alarms.class);
			Counter refused = service.getBean(MeterRegistry.class)
				.counter("videostore.webhooks", "outcome", "unauthorized");
			double refusedBefore = refused.count();
			List<String> targets = List.of("http://127.0.0.1:" + port + "/webhook",
					"http://localhost:" + port + "/webhook");

			String results = runPageOfAnotherOrigin(alarm(), targets);

			// Each target gets a no-cors fetch, a beacon and a form (the JSON fetch stops
			// at its preflight): six POSTs, each either refused or, wrongly, stored.
			await("the page's six POSTs answered").atMost(Duration.ofSeconds(30))
				.until(() -> refused.count() - refusedBefore + alarms.countAlarms() >= 6);
			assertThat(results).as("what the page saw").contains("cors json fetch", "beacon", "form");
			assertThat(results).as("the JSON fetch gets no readable answer")
				.doesNotContainPattern("cors json fetch \\S+ -> response");
			assertThat(alarms.countAlarms()).as("alarms stored after the page ran: %s", results).isZero();
			assertThat(refused.count() - refusedBefore).as("POSTs refused with 401").isGreaterThanOrEqualTo(6);

			HttpResponse<String> direct = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(targets.get(0)))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers.ofString(alarm()))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(direct.statusCode()).as("this machine posting directly: %s", direct.body()).isIn(200, 202);
			assertThat(direct.body()).contains("\"alarmId\"");
			assertThat(alarms.countAlarms()).isEqualTo(1);
		}
	}

	/**
	 * Serves the attacking page from another origin ({@code http://127.0.0.1:<other>}),
	 * opens it in a browser and returns what each attempt saw.
	 */
	private static String runPageOfAnotherOrigin(String alarm, List<String> targets) throws Exception {
		byte[] page = page(alarm, targets).getBytes(StandardCharsets.UTF_8);
		HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		site.start();
		try (Browser browser = Browser.start(800, 600)) {
			browser.driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
			new WebDriverWait(browser.driver, Duration.ofSeconds(60))
				.until((d) -> "done".equals(d.findElement(By.id("state")).getText()));
			return browser.driver.findElement(By.id("results")).getText();
		}
		finally {
			site.stop(0);
		}
	}

	/** The example alarm of IXON's Cloud Notify, sent now. */
	private static String alarm() throws Exception {
		String now = LocalDateTime.now(ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		return Files.readString(Path.of("src/test/resources/examples/cloud-notify-alarm.json"))
			.replace("2026-11-26T12:26:24", now);
	}

	/**
	 * A page that tries every way to POST the alarm to each target, writes what it saw
	 * into {@code #results} and then says {@code done} in {@code #state}.
	 */
	private static String page(String alarm, List<String> targets) {
		String urls = targets.stream().map((t) -> "\"" + t + "\"").reduce((a, b) -> a + ", " + b).orElseThrow();
		return """
				<!doctype html>
				<html><head><meta charset="utf-8"><title>Another site</title></head>
				<body>
				<p id="state">running</p>
				<pre id="results"></pre>
				<iframe name="sink0"></iframe><iframe name="sink1"></iframe>
				<script>
				const body = JSON.stringify(%s);
				const targets = [%s];
				const results = [];
				const note = (what, url, outcome) => results.push(what + ' ' + url + ' -> ' + outcome);
				function formPost(url, frame) {
				  return new Promise((resolve) => {
				    const timer = setTimeout(() => resolve('no load event in 10 s'), 10000);
				    frame.onload = () => { clearTimeout(timer); resolve('frame loaded'); };
				    const form = document.createElement('form');
				    form.method = 'post';
				    form.enctype = 'text/plain';
				    form.action = url;
				    form.target = frame.name;
				    // text/plain sends name=value: the name holds the JSON up to a last field
				    // whose value takes the '=', so the body is the alarm as valid JSON.
				    const input = document.createElement('input');
				    input.type = 'hidden';
				    input.name = body.slice(0, -1) + ',"padding":"';
				    input.value = '"}';
				    form.append(input);
				    document.body.append(form);
				    form.submit();
				  });
				}
				async function run() {
				  for (const [i, url] of targets.entries()) {
				    try {
				      const r = await fetch(url, { method: 'POST', mode: 'no-cors', body });
				      note('no-cors fetch', url, 'response ' + r.type + ' ' + r.status);
				    } catch (e) {
				      note('no-cors fetch', url, 'error ' + e);
				    }
				    try {
				      const r = await fetch(url, { method: 'POST', mode: 'cors',
				        headers: { 'Content-Type': 'application/json' }, body });
				      note('cors json fetch', url, 'response ' + r.status + ' ' + await r.text());
				    } catch (e) {
				      note('cors json fetch', url, 'error ' + e);
				    }
				    note('beacon', url, navigator.sendBeacon(url, body) ? 'queued' : 'not queued');
				    note('form', url, await formPost(url, document.getElementsByName('sink' + i)[0]));
				  }
				  document.getElementById('results').textContent = results.join('\\n');
				  document.getElementById('state').textContent = 'done';
				}
				run();
				</script>
				</body></html>
				""".formatted(alarm, urls);
	}

}
