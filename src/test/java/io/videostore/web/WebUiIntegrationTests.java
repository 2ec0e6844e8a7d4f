package io.videostore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.videostore.cli.TestServices;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI in a real browser (Debian's headless Chromium) against the real service with
 * seeded alarms: log in, see the timeline and heat map, filter, open an alarm, watch and
 * seek its clip, log out; and the same list on a 375 px phone. Screenshots of each page
 * are kept under {@code target/screenshots}.
 */
class WebUiIntegrationTests {

	static final String SECRET = UiRig.SECRET;

	static final String PASSWORD = "engineer-password-1";

	static final DateTimeFormatter CREATED_ON = UiRig.CREATED_ON;

	@TempDir
	static Path videos;

	static ConfigurableApplicationContext context;

	static String base;

	static long recorded;

	static int seeded;

	@BeforeAll
	static void start() throws Exception {
		VideoConfig video = VideoConfig.DEFAULTS.withOutput(videos).withDuration(Duration.ofSeconds(3));
		WebConfig web = new WebConfig(
				List.of(new WebConfig.User("engineer", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD))));
		context = TestServices
			.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
					List.of(CameraConfig.demo(video)), video,
					new WebhooksConfig(50, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false)
				.withWeb(web));
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		// Alarms of the last days, at different hours: too old to record, so they end as
		// expired.
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < 24; i++) {
			String device = (i % 3 == 0) ? "Press 2" : "Packaging robot";
			UiRig.post(base, UiRig.alarm("dev-" + device.length(), device,
					now.minusDays(1 + i % 6).minusHours(i * 5L % 24), "jam " + i));
			seeded++;
		}
		recorded = UiRig.alarmId(UiRig.post(base, UiRig.alarm("dev-7", "Press 2", now.minusSeconds(3), "Door open")));
		seeded++;
		Jobs jobs = context.getBean(Jobs.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jobs.jobsForAlarm(recorded).stream().allMatch((j) -> j.finishedAt() != null));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void anEngineerLogsInSeesWhenMachinesFailFiltersOpensAnAlarmWatchesAndSeeksItsClipAndLogsOut() throws Exception {
		try (Browser browser = Browser.start(1280, 1000)) {
			var driver = browser.driver;
			driver.get(base + "/");
			assertThat(driver.getCurrentUrl()).endsWith("/login");
			browser.screenshot("login");
			driver.findElement(By.id("username")).sendKeys("engineer");
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			driver.findElement(By.cssSelector("button[type=submit]")).click();

			UiRig.awaitReady(browser);
			assertThat(driver.findElements(By.cssSelector("#timeline canvas"))).isNotEmpty();
			assertThat(driver.findElement(By.id("legend")).getText()).contains("Press 2", "Packaging robot");
			assertThat(driver.findElement(By.id("timeline")).getAttribute("data-total"))
				.isEqualTo(String.valueOf(seeded));
			Number heatTotal = (Number) browser.js("return [...document.querySelectorAll('#heatmap-table td')]"
					+ ".reduce((n, td) => n + Number(td.dataset.count), 0)");
			assertThat(heatTotal.intValue()).isEqualTo(seeded);
			assertThat(driver.findElements(By.cssSelector("#list tbody tr[data-alarm]"))).hasSize(seeded);
			browser.screenshot("alarms");

			WebElement device = driver.findElement(By.name("device"));
			device.sendKeys("Press 2");
			driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
			// The list is drawn again when its answer arrives: a row read meanwhile is
			// stale.
			new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
				.until((d) -> d.getCurrentUrl().contains("device=Press")
						&& d.findElements(By.cssSelector("#list tbody tr[data-alarm]"))
							.stream()
							.allMatch((row) -> row.getText().contains("Press 2")));
			assertThat(driver.findElements(By.cssSelector("#list tbody tr[data-alarm]"))).hasSize(9);

			driver.findElement(By.cssSelector("#list tbody tr[data-alarm='" + recorded + "'] td:nth-child(2) a"))
				.click();
			UiRig.awaitReady(browser);
			assertThat(driver.getCurrentUrl()).endsWith("/alarms/" + recorded);
			assertThat(driver.findElement(By.id("variables")).getText()).contains("Device name", "Press 2");
			assertThat(driver.findElement(By.id("jobs")).getText()).contains("done");
			// Recorded on demand, 3 s after the alarm's createdOn: the alarm is not on
			// the
			// clip, so no mark is drawn at its start.
			assertThat(driver.findElement(By.cssSelector(".clip .alarm-note")).getText())
				.matches("The clip starts \\d+\\.\\d s after the alarm: the alarm itself is not on it\\.");
			assertThat(driver.findElements(By.cssSelector(".clip .marker"))).isEmpty();
			browser.js("const v = document.querySelector('video'); v.muted = true; v.play();");
			new WebDriverWait(driver, Duration.ofSeconds(20)).until((d) -> UiRig.currentTime(browser) > 0.5);
			// A click at three quarters of the track seeks there.
			browser.js("document.querySelector('video').pause();");
			WebElement track = driver.findElement(By.cssSelector(".track"));
			new Actions(driver).moveToElement(track, (int) (track.getSize().getWidth() * 0.25), 0).click().perform();
			double duration = ((Number) browser.js("return document.querySelector('video').duration")).doubleValue();
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until((d) -> Math.abs(UiRig.currentTime(browser) - duration * 0.75) < 0.3);
			browser.screenshot("alarm");
			// A change made from the page carries the session's CSRF token.
			WebElement protect = driver.findElement(By.cssSelector(".clip button[aria-pressed]"));
			protect.click();
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until((d) -> "true".equals(protect.getAttribute("aria-pressed")));
			long clipId = context.getBean(Jobs.class).jobsForAlarm(recorded).get(0).clipId();
			assertThat(context.getBean(JdbcClient.class)
				.sql("SELECT protected FROM clip WHERE id = :id")
				.param("id", clipId)
				.query(Integer.class)
				.single()).isEqualTo(1);

			driver.get(base + "/status");
			UiRig.awaitReady(browser);
			assertThat(driver.findElement(By.id("cameras")).getText()).contains("demo");
			browser.screenshot("status");
			driver.findElement(By.cssSelector("tr[data-camera='demo'] button")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(
					(d) -> d.getCurrentUrl().matches(".*/alarms/\\d+$") && !d.getCurrentUrl().endsWith("/" + recorded));
			UiRig.awaitReady(browser);
			assertThat(driver.findElement(By.id("facts")).getText()).contains("record-now");

			driver.findElement(By.id("logout")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("/login"));
			driver.get(base + "/");
			assertThat(driver.getCurrentUrl()).as("logged out").endsWith("/login");
			assertThat(browser.contentSecurityPolicyViolations())
				.as("what the pages' Content-Security-Policy refused on the way")
				.isEmpty();
		}
	}

	@Test
	void onA375PixelPhoneTheListFitsTheScreenWidth() throws Exception {
		try (Browser browser = Browser.phone(375, 800)) {
			var driver = browser.driver;
			driver.get(base + "/login");
			driver.findElement(By.id("username")).sendKeys("engineer");
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			driver.findElement(By.cssSelector("button[type=submit]")).click();
			UiRig.awaitReady(browser);

			Number width = (Number) browser.js("return document.documentElement.scrollWidth");
			Number viewport = (Number) browser.js("return window.innerWidth");
			assertThat(viewport.intValue()).isEqualTo(375);
			assertThat(width.intValue()).as("nothing wider than the screen").isLessThanOrEqualTo(375);
			assertThat(driver.findElements(By.cssSelector("#list tbody tr[data-alarm]"))).isNotEmpty();
			browser.screenshot("alarms-375px");
		}
	}

}
