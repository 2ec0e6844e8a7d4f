package io.videostore.config.loader;

import java.nio.file.Path;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code server.trusted_proxies}, as a user writes it in the file or the environment. */
class ServerConfigTests {

	@TempDir
	Path dir;

	@Test
	void withoutAServerSectionNoProxyIsTrusted() {
		assertThat(load("", Map.of()).server().trustedProxies()).isEmpty();
	}

	@Test
	void proxiesAreAListOrOneStringOfAddressesAndRanges() {
		assertThat(load("server:\n  trusted_proxies: [127.0.0.1, 10.0.0.0/8, '::1', 'fd00::/8']\n", Map.of()).server()
			.trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8");
		assertThat(load("server:\n  trusted_proxies: 127.0.0.1, 192.168.1.0/24\n", Map.of()).server().trustedProxies())
			.containsExactly("127.0.0.1", "192.168.1.0/24");
	}

	@Test
	void theEnvironmentMayNameTheProxies() {
		AppConfig config = load("", Map.of("VIDEOSTORE_SERVER_TRUSTED_PROXIES", "127.0.0.1,172.16.0.0/12"));

		assertThat(config.server().trustedProxies()).containsExactly("127.0.0.1", "172.16.0.0/12");
	}

	@Test
	void aHostNameOrABadRangeIsAnErrorNamingTheKeyAndLine() {
		assertThatThrownBy(() -> load("server:\n  trusted_proxies: [proxy.example.com]\n", Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("server.trusted_proxies")
			.hasMessageContaining(":2")
			.hasMessageContaining("'proxy.example.com' is none");
		assertThatThrownBy(() -> load("server:\n  trusted_proxies: [10.0.0.0/33]\n", Map.of()))
			.hasMessageContaining("prefix length must be 0 to 32");
		assertThatThrownBy(() -> load("server:\n  trusted_proxies: [256.1.1.1]\n", Map.of()))
			.hasMessageContaining("'256.1.1.1' is none");
	}

	@Test
	void aMistypedServerKeyIsWarnedAbout() {
		ConfigLoader loader = new ConfigLoader(Map.of());
		loader.load(ConfigFiles.write(this.dir, "server:\n  trusted_proxy: 127.0.0.1\n"));

		assertThat(loader.warnings()).anyMatch((w) -> w.contains("server.trusted_proxy"));
	}

	private AppConfig load(String yaml, Map<String, String> env) {
		return new ConfigLoader(env).load(ConfigFiles.write(this.dir, yaml));
	}

}
