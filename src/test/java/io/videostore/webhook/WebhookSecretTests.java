package io.videostore.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may post to /webhook.
 */
class WebhookSecretTests {

	final WebhookSecret configured = new WebhookSecret("s3cret-value");

	final WebhookSecret empty = new WebhookSecret("");

	@Test
	void theSecretIsAcceptedFromHeaderBearerOrTokenFromAnyAddress() {
		assertThatCode(() -> configured.check("s3cret-value", null, () -> null, "203.0.113.5", true))
			.doesNotThrowAnyException();
		assertThatCode(() -> configured.check(null, "s3cret-value", () -> null, "203.0.113.5", false))
			.doesNotThrowAnyException();
		assertThatCode(() -> configured.check(null, null, () -> "s3cret-value", "203.0.113.5", false))
			.doesNotThrowAnyException();
	}

	@Test
	void aWrongOrMissingSecretIsRefusedEvenFromLoopback() {
		assertThatThrownBy(() -> configured.check(null, null, () -> "s3cret-valuE", "127.0.0.1", false))
			.isInstanceOf(WebhookSecret.Unauthorized.class);
		assertThatThrownBy(() -> configured.check(null, null, () -> null, "127.0.0.1", false))
			.isInstanceOf(WebhookSecret.Unauthorized.class);
	}

	@Test
	void withoutASecretOnlyDirectRequestsFromThisMachineAreAccepted() {
		assertThatCode(() -> empty.check(null, null, () -> null, "127.0.0.1", false)).doesNotThrowAnyException();
		assertThatCode(() -> empty.check(null, null, () -> null, "0:0:0:0:0:0:0:1", false)).doesNotThrowAnyException();
		assertThatThrownBy(() -> empty.check(null, null, () -> null, "198.51.100.7", false))
			.hasMessageContaining("webhooks.secret is not set");
		assertThatThrownBy(() -> empty.check(null, null, () -> null, "127.0.0.1", true))
			.hasMessageContaining("not relayed by a proxy");
	}

}
