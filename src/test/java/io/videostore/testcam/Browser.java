package io.videostore.testcam;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium}, driven through its own {@code chromedriver}, so
 * nothing is downloaded at test time. Where they are not installed the test is skipped
 * with the reason, unless {@code VIDEOSTORE_REQUIRE_BROWSER} is set (as {@code .ci/run}
 * does after installing them), when it fails.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Screenshots are kept here as test artifacts. */
	public static final Path SCREENSHOTS = Path.of("target/screenshots");

	public final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** A fresh browser of {@code width}×{@code height} CSS pixels. */
	public static Browser start(int width, int height) throws IOException {
		return start(width, height, false);
	}

	/**
	 * A phone's screen, {@code width} CSS pixels wide: emulated, since a headless window
	 * is never narrower than 500 px.
	 */
	public static Browser phone(int width, int height) throws IOException {
		return start(width, height, true);
	}

	private static Browser start(int width, int height, boolean phone) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			// Says exactly what is missing: one of the two is often there without the
			// other.
			java.util.List<String> missing = new java.util.ArrayList<>();
			if (!Files.isExecutable(CHROMIUM)) {
				missing.add("Debian's chromium (" + CHROMIUM + ")");
			}
			if (!Files.isExecutable(CHROMEDRIVER)) {
				missing.add("Debian's chromium-driver (" + CHROMEDRIVER + ")");
			}
			String why = String.join(" and ", missing) + ((missing.size() > 1) ? " are" : " is") + " not installed";
			if (System.getenv("VIDEOSTORE_REQUIRE_BROWSER") != null) {
				throw new IllegalStateException(why);
			}
			Assumptions.abort(why);
		}
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// The flags that keep Chromium off this closed network, and a fresh profile.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
				"--window-size=" + width + "," + height, "--user-data-dir=" + profile);
		// The console, to tell what the Content-Security-Policy refused.
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		if (phone) {
			options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
					java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
		}
		Files.createDirectories(Path.of("target"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
		return new Browser(driver, profile);
	}

	/** Saves what the page shows now as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path file = SCREENSHOTS.resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		return file;
	}

	/**
	 * What the console said since the last call about things the page's
	 * Content-Security-Policy refused (a style attribute, an inline script).
	 */
	public java.util.List<String> contentSecurityPolicyViolations() {
		return this.driver.manage()
			.logs()
			.get(org.openqa.selenium.logging.LogType.BROWSER)
			.getAll()
			.stream()
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	/** Runs JavaScript in the page and returns its result. */
	public Object js(String script, Object... args) {
		return this.driver.executeScript(script, args);
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

}
