package io.videostore.ixon;

import java.time.Duration;
import java.time.Instant;

import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Logging in to IXON: e-mail/password, 2FA with TOTP, service-account tokens, token reuse
 * and refresh; failures name what to fix and never show a secret.
 */
class IxonAuthenticationTests {

	private final FakeIxon fake = FakeIxon.start(null);

	@AfterEach
	void stop() {
		fake.close();
	}

	@Test
	void oneLoginServesManyCallsAndARefusedTokenCausesExactlyOneNewLogin() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		for (int i = 0; i < 5; i++) {
			client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http");
		}
		assertThat(client.logins()).isEqualTo(1);

		fake.expireTokens();
		client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http");
		client.companies();

		assertThat(client.logins()).isEqualTo(2);
		assertThat(fake.logins()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void tokenIsRenewedShortlyBeforeItExpiresWithOrWithoutExpiresOn(boolean expiresOnReturned) {
		fake.expiresOnReturned(expiresOnReturned);
		MovableClock clock = MovableClock.frozen();
		IxonClient client = new IxonClient(IxonFixtures.password(fake),
				IxonFixtures.FAST.withTokenLifetime(Duration.ofHours(1)).withClock(clock));

		client.companies();
		clock.advance(Duration.ofMinutes(50));
		client.companies();
		assertThat(client.logins()).isEqualTo(1);
		clock.advance(Duration.ofMinutes(5));
		client.companies();

		assertThat(client.logins()).isEqualTo(2);
	}

	@Test
	void expiryTakesIxonsAnswerInAnyCommonFormButNeverLongerThanAsked() {
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		Instant asked = now.plusSeconds(3600);
		JsonNodeFactory json = JsonNodeFactory.instance;

		assertThat(AccessTokens.expiry(json.stringNode("2025-01-01T00:30:00Z"), now, asked))
			.isEqualTo(now.plusSeconds(1800));
		assertThat(AccessTokens.expiry(json.stringNode("2025-01-01T00:30:00"), now, asked))
			.isEqualTo(now.plusSeconds(1800));
		assertThat(AccessTokens.expiry(json.numberNode(now.plusSeconds(1800).getEpochSecond()), now, asked))
			.isEqualTo(now.plusSeconds(1800));
		assertThat(AccessTokens.expiry(json.numberNode(now.plusSeconds(1800).toEpochMilli()), now, asked))
			.isEqualTo(now.plusSeconds(1800));
		assertThat(AccessTokens.expiry(json.stringNode("2030-01-01T00:00:00Z"), now, asked)).isEqualTo(asked);
		assertThat(AccessTokens.expiry(json.stringNode("2020-01-01T00:00:00Z"), now, asked)).isEqualTo(asked);
		assertThat(AccessTokens.expiry(json.stringNode("tomorrow"), now, asked)).isEqualTo(asked);
		assertThat(AccessTokens.expiry(null, now, asked)).isEqualTo(asked);
	}

	@Test
	void twoFactorAccountLogsInWithTheCurrentCode() {
		fake.requireOtp(true);
		IxonClient client = IxonFixtures.client(IxonFixtures.twoFactor(fake, FakeIxon.OTP_SECRET.toLowerCase()));

		assertThat(client.companies()).isNotEmpty();
		assertThat(client.logins()).isEqualTo(1);
	}

	@Test
	void twoFactorAccountWithoutOtpSecretSaysToSetIt() {
		fake.requireOtp(true);
		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> IxonFixtures.client(IxonFixtures.password(fake)).login());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.ONE_TIME_PASSWORD);
		assertThat(ex.getMessage()).contains("IXON login as " + FakeIxon.EMAIL, "One-Time Password required",
				"set IXON_api.otp_secret");
		assertNoSecret(ex);
	}

	@Test
	void wrongOtpSecretIsRefusedAsSuch() {
		fake.requireOtp(true);
		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> IxonFixtures.client(IxonFixtures.twoFactor(fake, "JBSWY3DPEHPK3PXP")).login());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.ONE_TIME_PASSWORD);
		assertThat(ex.getMessage()).contains("One-Time Password failed", "check IXON_api.otp_secret");
		assertThat(ex.getMessage()).doesNotContain("JBSWY3DPEHPK3PXP");
	}

	@Test
	void otpSecretThatIsNotBase32IsAConfigurationError() {
		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> IxonFixtures.client(IxonFixtures.twoFactor(fake, "not base32 1!")).login());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.NOT_CONFIGURED);
		assertThat(ex.getMessage()).contains("IXON_api.otp_secret").doesNotContain("not base32 1!");
	}

	@Test
	void wrongPasswordIsALoginFailureWithoutThePassword() {
		var config = IxonFixtures.password(fake);
		var wrong = new io.videostore.config.IxonApiConfig(config.apiKey(), config.email(), "Wr0ng-Passw0rd!", "", "",
				config.baseUrl());

		IxonException ex = catchThrowableOfType(IxonException.class, () -> IxonFixtures.client(wrong).companies());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.LOGIN);
		assertThat(ex.status()).isEqualTo(401);
		assertThat(ex.getMessage())
			.contains("IXON login as " + FakeIxon.EMAIL, "check IXON_api.email and " + "IXON_api.password")
			.doesNotContain("Wr0ng-Passw0rd!");
	}

	@Test
	void serviceAccountTokenIsUsedWithoutLoggingIn() {
		IxonClient client = IxonFixtures.client(IxonFixtures.serviceAccount(fake, FakeIxon.SERVICE_ACCOUNT_TOKEN));

		client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http");

		assertThat(client.logins()).isZero();
		assertThat(fake.requests("/api/access-tokens")).isZero();
	}

	@Test
	void refusedServiceAccountTokenSaysSoAndIsNotRetried() {
		String revoked = "revokedToken0123456789abcdefABCD";
		IxonClient client = IxonFixtures.client(IxonFixtures.serviceAccount(fake, revoked));

		IxonException ex = catchThrowableOfType(IxonException.class, client::companies);

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.ACCESS_TOKEN);
		assertThat(ex.getMessage()).contains("listing IXON companies", "check IXON_api.access_token")
			.doesNotContain(revoked);
		assertThat(fake.requests("/api/companies")).isEqualTo(1);
	}

	private static void assertNoSecret(IxonException ex) {
		assertThat(ex.getMessage()).doesNotContain(FakeIxon.PASSWORD, FakeIxon.OTP_SECRET);
	}

}
