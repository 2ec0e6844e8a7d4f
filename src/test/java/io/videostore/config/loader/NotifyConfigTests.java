package io.videostore.config.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.videostore.config.NotifyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code notify.webhooks} as a user writes it.
 */
class NotifyConfigTests {

	@TempDir
	Path dir;

	@Test
	void receiversAreReadWithTheirSecretsWhichNeverShowInText() {
		NotifyConfig notify = new ConfigLoader(Map.of()).load(ConfigFiles.write(this.dir, """
				notify:
				  webhooks:
				    - url: https://hooks.example.com/teams/123
				      secret: s3cr3t-hmac
				    - url: http://node-red.local:1880/clip
				""")).notifications();

		assertThat(notify.webhooks()).containsExactly(
				new NotifyConfig.Target("https://hooks.example.com/teams/123", "s3cr3t-hmac"),
				new NotifyConfig.Target("http://node-red.local:1880/clip", ""));
		assertThat(notify.toString()).doesNotContain("s3cr3t-hmac");
	}

	@Test
	void withoutANotifySectionNobodyIsNotified() {
		assertThat(new ConfigLoader(Map.of()).load(ConfigFiles.write(this.dir, "")).notifications().webhooks())
			.isEqualTo(List.of());
	}

	@Test
	void aReceiverWithoutAnHttpUrlIsAnErrorNamingItsLine() {
		ConfigFiles.assertError(this.dir, "notify:\n  webhooks:\n    - url: ftp://x\n",
				"notify.webhooks[0].url at config.yml:3: expected an http or https URL, got 'ftp://x'");
	}

}
