package io.videostore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.videostore.cli.TestServices;
import io.videostore.clips.AlarmContext;
import io.videostore.clips.AlarmContexts;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The alarm page's machine signals in a real browser (Debian's headless Chromium) against
 * the real service: a recorded alarm gets a stored context covering its clip, and the
 * page draws its signals under the player, a line that follows the playing video, a click
 * that seeks it, the alarm instant in red; a failed fetch shows its reason, a pending one
 * turns into charts without a reload, and it fits a 375 px phone. Screenshots are kept
 * under {@code target/screenshots}.
 */
class AlarmDataUiIntegrationTests {

	static final String SECRET = UiRig.SECRET;

	static final DateTimeFormatter CREATED_ON = UiRig.CREATED_ON;

	static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path videos;

	static ConfigurableApplicationContext context;

	static String base;

	static long recorded;

	/**
	 * The recorded clip's first and last moment, and the alarm instant the signals mark.
	 */
	static Instant clipFrom;

	static Instant clipTo;

	static Instant occurredOn;

	/** Alarms without a clip, their contexts as each test makes them. */
	static long oven;

	static long saw;

	static long lathe;

	static long mill;

	/** The recorded alarm's context as the service stored it: the demo machine's. */
	static AlarmContext demo;

	@BeforeAll
	static void start() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(4));
		context = TestServices
			.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(50, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false));
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		recorded = UiRig.alarmId(UiRig.post(base, UiRig.alarm("dev-7", "Press 2", now, "Door open")));
		oven = expiredAlarm("Oven");
		saw = expiredAlarm("Saw");
		lathe = expiredAlarm("Lathe");
		mill = expiredAlarm("Mill");
		Jobs jobs = context.getBean(Jobs.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jobs.jobsForAlarm(recorded).stream().allMatch((j) -> j.finishedAt() != null));
		JsonNode clip = JSON.readTree(get("/api/alarms/" + recorded)).path("clips").path(0);
		clipFrom = Instant.parse(clip.path("windowStart").asString());
		clipTo = clipFrom.plusMillis(Math.round(clip.path("durationSeconds").asDouble() * 1000));
		Instant createdOn = now.toInstant(ZoneOffset.UTC);
		occurredOn = clipFrom.plusMillis(1500);
		AlarmContexts contexts = context.getBean(AlarmContexts.class);
		// The service fetched the demo machine's signals itself: kept for the test of
		// those, then replaced by signals this test knows.
		demo = settled(recorded).orElseThrow();
		fresh(recorded);
		contexts.create(recorded, createdOn, createdOn.plusSeconds(60));
		contexts.anchored(recorded, AlarmContext.OCCURRENCE, occurredOn, "matched occurrence");
		Instant from = clipFrom.minusSeconds(2);
		Instant to = clipTo.plusSeconds(1);
		contexts.saved(recorded, "done", null, from, to, series(from, to), Instant.now(), null);
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void theSignalsAreChartedUnderThePlayerFollowTheVideoAndAClickSeeksIt() throws Exception {
		try (Browser browser = Browser.start(1280, 1000)) {
			var driver = browser.driver;
			driver.get(base + "/alarms/" + recorded);
			awaitSignals(browser);

			List<WebElement> charts = driver.findElements(By.cssSelector("#signals figure.signal"));
			assertThat(charts).hasSize(3);
			assertThat(driver.findElements(By.cssSelector("#signals .signal-chart canvas"))).hasSize(3);
			assertThat(charts.stream().map((c) -> c.findElement(By.className("signal-title")).getText()))
				.containsExactly("Spindle load (%)", "Motor temperature (°C)", "Door closed (on/off)");
			// Each caption reads the signal's value at the video's time: the clip's
			// start.
			assertThat(charts.get(1).findElement(By.className("signal-value")).getText()).matches("6[12](\\.\\d+)? °C");
			assertThat(charts.get(2).findElement(By.className("signal-value")).getText()).isEqualTo("on");
			assertThat(driver.findElement(By.id("signals")).getText()).contains("Red line: the alarm at",
					"as IXON logged it", "Blue line: the video", "Download the data (CSV)");
			assertThat((Boolean) browser.js("const s = document.getElementById('signals').getBoundingClientRect();"
					+ "const v = document.querySelector('video').getBoundingClientRect(); return s.top >= v.bottom;"))
				.as("the charts are under the player")
				.isTrue();
			assertThat(driver.findElement(By.cssSelector("#signals .signal-chart")).getAttribute("aria-label"))
				.contains("Spindle load", "values from");

			// The alarm instant is a red line on every chart.
			for (int i = 0; i < 3; i++) {
				assertThat(pixel(browser, i, occurredOn, 0.2)).as("the alarm line on chart " + i)
					.satisfies((rgb) -> assertThat(rgb[0]).isGreaterThan(140))
					.satisfies((rgb) -> assertThat(rgb[1]).isLessThan(110));
			}

			// The line on the charts follows the playing video.
			long cursorAtStart = cursorMs(browser);
			assertThat(cursorAtStart).isCloseTo(clipFrom.toEpochMilli(), within(100L));
			double leftAtStart = cursorLeft(browser);
			browser.js("const v = document.querySelector('video'); v.muted = true; v.play();");
			new WebDriverWait(driver, Duration.ofSeconds(20)).until((d) -> UiRig.currentTime(browser) > 1.5);
			browser.js("document.querySelector('video').pause();");
			double played = UiRig.currentTime(browser);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(cursorMs(browser))
					.isCloseTo(clipFrom.toEpochMilli() + Math.round(played * 1000), within(150L)));
			assertThat(cursorLeft(browser)).as("the cursor moved right").isGreaterThan(leftAtStart + 20);
			browser.screenshot("alarm-signals-playing");

			// A click at three quarters of a chart seeks the video to that moment.
			WebElement over = driver.findElement(By.cssSelector("#signals .signal-chart .u-over"));
			long[] range = range(browser);
			double expected = (range[0] + 0.75 * (range[1] - range[0]) - clipFrom.toEpochMilli()) / 1000.0;
			assertThat(expected).as("three quarters of the chart lie in the clip")
				.isBetween(0.5, Duration.between(clipFrom, clipTo).toMillis() / 1000.0 - 0.2);
			new Actions(driver).moveToElement(over, (int) (over.getSize().getWidth() * 0.25), 0).click().perform();
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until((d) -> Math.abs(UiRig.currentTime(browser) - expected) < 0.25);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(cursorMs(browser))
					.isCloseTo(clipFrom.toEpochMilli() + Math.round(expected * 1000), within(250L)));
			browser.js("window.scrollTo(0, document.querySelector('video').getBoundingClientRect().top + scrollY - 8)");
			browser.screenshot("alarm-signals");

			// A click left of the clip seeks to its start: the video has nothing before
			// it.
			new Actions(driver).moveToElement(over, -(over.getSize().getWidth() / 2) + 4, 0).click().perform();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> UiRig.currentTime(browser) < 0.05);

			// The values are there as text too.
			driver.findElement(By.cssSelector("#signals details summary")).click();
			WebElement values = new WebDriverWait(driver, Duration.ofSeconds(10))
				.until((d) -> d.findElement(By.cssSelector("#signals details table")));
			assertThat(values.getText()).contains("Door closed", "on", "%");
		}
	}

	@Test
	void aFailedFetchShowsItsReasonAndAnAlarmWithoutContextSaysSo() throws Exception {
		long failed = fresh(oven);
		long without = fresh(saw);
		AlarmContexts contexts = context.getBean(AlarmContexts.class);
		Instant now = Instant.now();
		contexts.create(failed, now, now);
		contexts.saved(failed, "failed", "IXON answered 403: no access to this device's logged data", null, null, null,
				now, null);
		try (Browser browser = Browser.start(1280, 900)) {
			var driver = browser.driver;
			driver.get(base + "/alarms/" + failed);
			awaitSignals(browser);
			WebElement status = driver.findElement(By.cssSelector("#signals .signal-status"));
			assertThat(status.getText()).isEqualTo(
					"Machine data could not be fetched: IXON answered 403: no access to this device's logged data.");
			assertThat(status.getAttribute("class")).contains("error");
			assertThat(driver.findElements(By.cssSelector("#signals canvas"))).isEmpty();
			browser.screenshot("alarm-signals-failed");

			driver.get(base + "/alarms/" + without);
			awaitSignals(browser);
			assertThat(driver.findElement(By.cssSelector("#signals .signal-status")).getText())
				.isEqualTo("No machine data is fetched for this alarm.");
			assertThat(driver.findElements(By.cssSelector("#signals canvas"))).isEmpty();
		}
	}

	@Test
	void aPendingFetchSaysWhenAndTheChartsAppearWithoutAReloadOnceItIsDone() throws Exception {
		long pending = fresh(lathe);
		AlarmContexts contexts = context.getBean(AlarmContexts.class);
		Instant now = Instant.now();
		// Not due while the test looks: this test says when it is fetched.
		contexts.create(pending, now, now.plusSeconds(300));
		try (Browser browser = Browser.start(1280, 900)) {
			var driver = browser.driver;
			driver.get(base + "/alarms/" + pending);
			awaitSignals(browser);
			assertThat(driver.findElement(By.cssSelector("#signals .signal-status")).getText())
				.startsWith("Machine data will be fetched at ");
			assertThat(driver.findElements(By.cssSelector("#signals canvas"))).isEmpty();
			browser.screenshot("alarm-signals-pending");
			browser.js("window.notReloaded = true");

			contexts.saved(pending, "done", null, now.minusSeconds(10), now.plusSeconds(10),
					series(now.minusSeconds(10), now.plusSeconds(10)), now, null);

			new WebDriverWait(driver, Duration.ofSeconds(25))
				.until((d) -> d.findElements(By.cssSelector("#signals canvas")).size() == 3);
			assertThat(browser.js("return window.notReloaded")).isEqualTo(Boolean.TRUE);
			assertThat(driver.findElements(By.cssSelector("#signals .signal-status"))).isEmpty();
			assertThat(driver.findElement(By.id("signals")).getText())
				.contains("There is no clip to play beside them.");
		}
	}

	@Test
	void theDemoMachinesOwnSignalsAreChartedOverTheirWindow() throws Exception {
		assertThat(demo.state()).isEqualTo("done");
		long other = fresh(mill);
		AlarmContexts contexts = context.getBean(AlarmContexts.class);
		contexts.create(other, demo.createdOn(), demo.createdOn());
		contexts.saved(other, demo.state(), demo.reason(), demo.windowStart(), demo.windowEnd(), demo.series(),
				demo.fetchedAt(), null);
		try (Browser browser = Browser.start(1280, 900)) {
			var driver = browser.driver;
			driver.get(base + "/alarms/" + other);
			awaitSignals(browser);

			assertThat(driver.findElements(By.cssSelector("#signals .signal-title")).stream().map(WebElement::getText))
				.containsExactly("Clock seconds (s)", "Spindle load (%)", "Door open (on/off)");
			// The time axis is the data window (there is no clip to add).
			assertThat(range(browser)).containsExactly(demo.windowStart().toEpochMilli(),
					demo.windowEnd().toEpochMilli());
			assertThat(driver.findElement(By.id("signals")).getText())
				.contains("There is no clip to play beside them.");
			browser.screenshot("alarm-signals-demo");
		}
	}

	@Test
	void onA375PixelPhoneTheChartsFitTheScreenWidth() throws Exception {
		try (Browser browser = Browser.phone(375, 800)) {
			var driver = browser.driver;
			driver.get(base + "/alarms/" + recorded);
			awaitSignals(browser);
			assertThat(driver.findElements(By.cssSelector("#signals .signal-chart canvas"))).hasSize(3);
			Number width = (Number) browser.js("return document.documentElement.scrollWidth");
			assertThat(width.intValue()).as("nothing wider than the screen").isLessThanOrEqualTo(375);
			browser.js("document.getElementById('signals').scrollIntoView()");
			browser.screenshot("alarm-signals-375px");
		}
	}

	/**
	 * Three signals over the window: a sine every 100 ms, a slow temperature every
	 * second, and a door switch logged on change.
	 */
	static String series(Instant from, Instant to) {
		List<List<Object>> load = new ArrayList<>();
		List<List<Object>> temperature = new ArrayList<>();
		for (long t = from.toEpochMilli(); t <= to.toEpochMilli(); t += 100) {
			load.add(List.of(t, Math.round(1000 * (50 + 40 * Math.sin(t / 500.0))) / 1000.0));
			if (t % 1000 < 100) {
				temperature.add(List.of(t, 61.5 + (t - from.toEpochMilli()) / 4000.0));
			}
		}
		long middle = from.toEpochMilli() + Duration.between(from, to).toMillis() / 2;
		List<List<Object>> door = List.of(List.of(from.toEpochMilli(), true), List.of(middle, false),
				List.of(middle + 700, true));
		return JSON.writeValueAsString(List.of(signal("Spindle load", "%", "float", "interval", false, load),
				signal("Motor temperature", "°C", "float", "interval", false, temperature),
				signal("Door closed", "", "bool", "change", true, door)));
	}

	private static Map<String, Object> signal(String tag, String unit, String type, String logEvent, boolean step,
			List<List<Object>> points) {
		return Map.of("source", "PLC", "sourceId", "src-1", "tag", tag, "slug", tag.toLowerCase().replace(' ', '-'),
				"unit", unit, "type", type, "logEvent", logEvent, "step", step, "points", points);
	}

	/**
	 * An alarm of 10 minutes ago: stored as expired, with no clip (and so a short window
	 * for the service's own demo signals).
	 */
	private static long expiredAlarm(String device) throws Exception {
		LocalDateTime then = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(10);
		return UiRig.alarmId(UiRig.post(base, UiRig.alarm("dev-" + device, device, then, "Overheat")));
	}

	/**
	 * Waits until the service is done with the alarm's own context, if it gave it one
	 * (the demo camera's alarms get the demo machine's signals a second after their
	 * window), and returns it.
	 */
	private static Optional<AlarmContext> settled(long alarmId) {
		AlarmContexts contexts = context.getBean(AlarmContexts.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> contexts.find(alarmId).map((c) -> !"pending".equals(c.state())).orElse(true));
		return contexts.find(alarmId);
	}

	/** The alarm without a context, once the service is done with its own. */
	private static long fresh(long alarmId) {
		settled(alarmId);
		context.getBean(JdbcClient.class)
			.sql("DELETE FROM alarm_context WHERE alarm_id = :id")
			.param("id", alarmId)
			.update();
		return alarmId;
	}

	private static void awaitSignals(Browser browser) {
		new WebDriverWait(browser.driver, Duration.ofSeconds(30))
			.until((d) -> "true".equals(browser.js("return document.getElementById('signals').dataset.ready")));
	}

	private static long cursorMs(Browser browser) {
		return Long.parseLong((String) browser.js("return document.getElementById('signals').dataset.cursorMs"));
	}

	private static double cursorLeft(Browser browser) {
		return ((Number) browser.js("return parseFloat(document.querySelector('#signals .video-cursor').style.left)"))
			.doubleValue();
	}

	/** The wall-clock milliseconds the first chart's x axis spans. */
	private static long[] range(Browser browser) {
		WebElement chart = browser.driver.findElement(By.cssSelector("#signals .signal-chart"));
		return new long[] { Long.parseLong(chart.getAttribute("data-from-ms")),
				Long.parseLong(chart.getAttribute("data-to-ms")) };
	}

	/**
	 * The colour chart {@code index} draws at {@code at}, {@code fromTop} of the way down
	 * its plot.
	 */
	private static int[] pixel(Browser browser, int index, Instant at, double fromTop) {
		long[] range = range(browser);
		double share = (at.toEpochMilli() - range[0]) / (double) (range[1] - range[0]);
		@SuppressWarnings("unchecked")
		List<Number> rgb = (List<Number>) browser.js("""
				const chart = document.querySelectorAll('#signals .signal-chart')[arguments[0]];
				const canvas = chart.querySelector('canvas');
				const over = chart.querySelector('.u-over');
				const ratio = canvas.width / canvas.getBoundingClientRect().width;
				const x = Math.round((over.offsetLeft + arguments[1] * over.clientWidth) * ratio);
				const y = Math.round((over.offsetTop + arguments[2] * over.clientHeight) * ratio);
				return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));""", index, share,
				fromTop);
		return rgb.stream().mapToInt(Number::intValue).toArray();
	}

	private static String get(String path) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return r.body();
	}

}
