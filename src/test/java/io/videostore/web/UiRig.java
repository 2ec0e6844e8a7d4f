package io.videostore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import io.videostore.testcam.Browser;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser tests share: alarms sent as IXON sends them, and the page's state. */
final class UiRig {

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	static final DateTimeFormatter CREATED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private UiRig() {
	}

	/** A Cloud Notify alarm of this device at {@code createdOn}. */
	static String alarm(String deviceId, String deviceName, LocalDateTime createdOn, String text) {
		return """
				{"companyId":"1111-2222-3333-4444-5555","createdOn":"%s","systemLabel":"alarm-high",
				 "shortContent":"%s on %s","longContent":"","alarmRateLimitTill":null,
				 "extraInfo":{"Device ID":"%s","Device name":"%s"}}""".formatted(CREATED_ON.format(createdOn), text,
				deviceName, deviceId, deviceName);
	}

	/** Sends an alarm to the service at {@code base}; it must be stored. */
	static HttpResponse<String> post(String base, String body) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/webhook?token=" + SECRET))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
		return r;
	}

	static long alarmId(HttpResponse<String> r) {
		return Long.parseLong(r.body().replaceAll("(?s).*\"alarmId\":(\\d+).*", "$1"));
	}

	/** Where the page's video is, in seconds. */
	static double currentTime(Browser browser) {
		return ((Number) browser.js("return document.querySelector('video').currentTime")).doubleValue();
	}

	/** Waits until the page says it has shown its data. */
	static void awaitReady(Browser browser) {
		new WebDriverWait(browser.driver, Duration.ofSeconds(30))
			.until((d) -> "true".equals(browser.js("return document.body.dataset.ready")));
	}

}
