package io.videostore.ixon;

import java.time.Duration;

import io.videostore.config.IxonApiConfig;
import io.videostore.testcam.FakeIxon;

/**
 * Settings for clients of the {@link FakeIxon}: fast retries and short timeouts so
 * failure tests stay quick.
 */
public final class IxonFixtures {

	public static final IxonClientOptions FAST = IxonClientOptions.DEFAULTS
		.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
		.withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2));

	private IxonFixtures() {
	}

	public static IxonApiConfig password(FakeIxon fake) {
		return new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "", fake.baseUrl());
	}

	static IxonApiConfig twoFactor(FakeIxon fake, String otpSecret) {
		return new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, otpSecret, "",
				fake.baseUrl());
	}

	static IxonApiConfig serviceAccount(FakeIxon fake, String token) {
		return new IxonApiConfig(FakeIxon.APPLICATION, "", "", "", token, fake.baseUrl());
	}

	static IxonClient client(IxonApiConfig config) {
		return new IxonClient(config, FAST);
	}

}
