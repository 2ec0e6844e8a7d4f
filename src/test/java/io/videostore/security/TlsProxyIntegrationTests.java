package io.videostore.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.videostore.cli.TestServices;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.ServerConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import io.videostore.testcam.TlsClient;
import io.videostore.testcam.TlsClient.Response;
import io.videostore.testcam.TlsProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service behind a real TLS-terminating reverse proxy (Debian's nginx on
 * {@code https://localhost:<port>}, with the usual {@code proxy_set_header} lines), once
 * with the proxy in {@code server.trusted_proxies} and once without. Browsers connect
 * from different loopback addresses (127.0.0.2, 127.0.0.3), so nginx names each in
 * {@code X-Forwarded-For} as it would name clients on the network.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsProxyIntegrationTests {

	static final String PASSWORD = "alice-password-123";

	static final String SECRET = "a-long-random-webhook-secret-0123456789";

	@TempDir
	static Path dir;

	/** The service that trusts the proxy (127.0.0.1), and nginx in front of it. */
	static Site trusted;

	/** The service that trusts no proxy, and nginx in front of it. */
	static Site untrusted;

	record Site(ConfigurableApplicationContext service, TlsProxy proxy) {

		static Site start(String name, List<String> trustedProxies) throws Exception {
			Path home = Files.createDirectories(dir.resolve(name));
			VideoConfig video = VideoConfig.DEFAULTS.withOutput(home.resolve("videos"))
				.withDuration(Duration.ofSeconds(1));
			WebConfig web = new WebConfig(
					List.of(new WebConfig.User("alice", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD))));
			ConfigurableApplicationContext service = TestServices
				.start(new AppConfig(new IxonApiConfig("", "", "", "", "", IxonApiConfig.DEFAULT_BASE_URL),
						List.of(CameraConfig.demo(video)), video,
						new WebhooksConfig(10, 1, SECRET, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, false)
					.withWeb(web)
					.withServer(new ServerConfig(trustedProxies)));
			try {
				int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
				return new Site(service, TlsProxy.start(Files.createDirectories(home.resolve("nginx")), port));
			}
			catch (Exception | Error ex) {
				service.close();
				throw ex;
			}
		}

		int port() {
			return this.proxy.port();
		}

		String origin() {
			return "https://localhost:" + port();
		}

		/** A browser on this machine at {@code from}, speaking to the proxy. */
		TlsClient browser(String from) {
			return new TlsClient(this.proxy.trust(), from, "localhost");
		}

		/** Opens the login form, then sends it with this password. */
		Response logIn(TlsClient browser, String password, String... headers) throws Exception {
			Response form = browser.get(port(), "/login", with(headers, "Accept: text/html"));
			Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
			assertThat(token.find()).as("the login form's CSRF token in %s", form.body()).isTrue();
			return browser.postForm(port(), "/login",
					"username=alice&password=" + enc(password) + "&_csrf=" + enc(token.group(1)),
					with(headers, "Origin: " + origin(), "Accept: text/html"));
		}

		void stop() {
			this.proxy.close();
			this.service.close();
		}

	}

	/**
	 * Started once, here rather than in {@code @BeforeAll}, so that a skip is per test.
	 */
	@BeforeEach
	void start() throws Exception {
		TlsProxy.requireInstalled();
		if (trusted == null) {
			trusted = Site.start("trusted", List.of("127.0.0.1"));
		}
		if (untrusted == null) {
			untrusted = Site.start("untrusted", List.of());
		}
	}

	@AfterAll
	static void stop() {
		if (trusted != null) {
			trusted.stop();
		}
		if (untrusted != null) {
			untrusted.stop();
		}
	}

	@Test
	@Order(1)
	void anAnonymousBrowserIsSentToTheLoginFormOverHttpsAtTheAddressItUsed() throws Exception {
		Response page = trusted.browser("127.0.0.1").get(trusted.port(), "/alarms", "Accept: text/html");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).contains(trusted.origin() + "/login");
	}

	@Test
	@Order(2)
	void loggingInThroughTheProxyRedirectsOverHttpsAndSetsSecureSameSiteCookies() throws Exception {
		TlsClient browser = trusted.browser("127.0.0.1");
		Response page = browser.get(trusted.port(), "/alarms", "Accept: text/html");
		Response login = trusted.logIn(browser, PASSWORD);

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).as("back to the page asked for")
				.startsWith(trusted.origin() + "/alarms"));
		assertThat(attributes(login.setCookie("JSESSIONID").orElseThrow())).contains("secure", "httponly",
				"samesite=lax");
		assertThat(setCookies("XSRF-TOKEN", page, login)).isNotEmpty()
			.allSatisfy((c) -> assertThat(attributes(c)).contains("secure", "samesite=lax").doesNotContain("httponly"));
		Response alarms = browser.get(trusted.port(), "/alarms", "Accept: text/html");
		assertThat(alarms.status()).as("the session cookie logs the browser in").isEqualTo(200);
	}

	@Test
	@Order(3)
	void pagesThroughTheProxyCarryTheBrowserSecurityHeaders() throws Exception {
		Response page = trusted.browser("127.0.0.1").get(trusted.port(), "/login", "Accept: text/html");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).contains(SecurityConfiguration.CONTENT_SECURITY_POLICY);
		assertThat(page.header("Referrer-Policy")).contains("same-origin");
		assertThat(page.header("Permissions-Policy")).contains(SecurityConfiguration.PERMISSIONS_POLICY);
	}

	@Test
	@Order(4)
	void withoutATrustedProxyRedirectsNameAPathNotAHostOrSchemeFromTheRequest() throws Exception {
		TlsClient browser = untrusted.browser("127.0.0.1");
		Response page = browser.get(untrusted.port(), "/alarms", "Accept: text/html");
		Response login = untrusted.logIn(browser, PASSWORD);

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).as("a path: the Host and the scheme came from nobody the service trusts")
			.contains("/login");
		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).hasValueSatisfying(
				(location) -> assertThat(location).as("a path back to the page asked for").startsWith("/alarms"));
	}

	@Test
	@Order(5)
	void withoutATrustedProxyCookiesAreNotMarkedSecure() throws Exception {
		TlsClient browser = untrusted.browser("127.0.0.1");
		Response page = browser.get(untrusted.port(), "/alarms", "Accept: text/html");
		Response login = untrusted.logIn(browser, PASSWORD);

		assertThat(login.status()).isEqualTo(302);
		assertThat(attributes(login.setCookie("JSESSIONID").orElseThrow())).contains("httponly", "samesite=lax")
			.doesNotContain("secure");
		assertThat(setCookies("XSRF-TOKEN", page, login)).isNotEmpty()
			.allSatisfy((c) -> assertThat(attributes(c)).contains("samesite=lax").doesNotContain("secure"));
	}

	@Test
	@Order(Integer.MAX_VALUE - 1) // It blocks 127.0.0.2 for the tests after it.
	void failedLoginsBlockTheClientTheProxyNamesNotItsNeighboursNorAForgedAddress(CapturedOutput output)
			throws Exception {
		TlsClient a = trusted.browser("127.0.0.2");
		TlsClient b = trusted.browser("127.0.0.3");
		for (int i = 1; i <= 5; i++) {
			// nginx passes on "198.51.100.i, 127.0.0.2": the claim, then whom it saw.
			Response failed = trusted.logIn(a, "guess-" + i, "X-Forwarded-For: 198.51.100." + i);
			assertThat(failed.status()).isEqualTo(302);
			assertThat(failed.header("Location")).contains(trusted.origin() + "/login?error");
		}

		Response blocked = trusted.logIn(a, PASSWORD, "X-Forwarded-For: 198.51.100.99");
		Response other = trusted.logIn(b, PASSWORD);

		assertThat(blocked.status()).as("A waits, even with the right password and a new forged address")
			.isEqualTo(429);
		assertThat(blocked.header("Retry-After")).isPresent();
		assertThat(other.status()).as("B logs in").isEqualTo(302);
		assertThat(other.header("Location")).contains(trusted.origin() + "/");
		assertThat(output.getOut()).contains("Web login failed for user 'alice' from 127.0.0.2 (5 failure(s)")
			.doesNotContain("from 198.51.100.");
	}

	@Test
	@Order(Integer.MAX_VALUE) // It blocks every client of the untrusting service.
	void withoutATrustedProxyFailedLoginsBlockEveryClientBehindIt() throws Exception {
		TlsClient a = untrusted.browser("127.0.0.2");
		TlsClient b = untrusted.browser("127.0.0.3");
		for (int i = 1; i <= 5; i++) {
			Response failed = untrusted.logIn(a, "guess-" + i);
			assertThat(failed.status()).isEqualTo(302);
			assertThat(failed.header("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		}

		Response other = untrusted.logIn(b, PASSWORD);

		assertThat(other.status()).as("the service sees nginx's address only, so B waits too").isEqualTo(429);
	}

	/** The {@code Set-Cookie} lines that set a cookie, in these answers. */
	private static List<String> setCookies(String name, Response... answers) {
		return Arrays.stream(answers)
			.flatMap((a) -> a.all("Set-Cookie").stream())
			.filter((c) -> c.startsWith(name + "="))
			.toList();
	}

	private static Set<String> attributes(String setCookie) {
		return Arrays.stream(setCookie.split(";"))
			.skip(1)
			.map((a) -> a.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
	}

	private static String[] with(String[] headers, String... more) {
		String[] all = Arrays.copyOf(headers, headers.length + more.length);
		System.arraycopy(more, 0, all, headers.length, more.length);
		return all;
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
