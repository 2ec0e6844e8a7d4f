package io.videostore.ixon;

import java.time.Duration;

import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.FakeIxon.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Retries with backoff on 429 (honouring Retry-After), 5xx, timeouts and connection
 * failures; a call gives up with a message that says what failed.
 */
class IxonRetryTests {

	private final FakeIxon fake = FakeIxon.start(null);

	@AfterEach
	void stop() {
		fake.close();
	}

	@Test
	void tooManyRequestsWaitsAsLongAsRetryAfterSaysThenSucceeds() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		client.login();
		fake.failNext("/api/companies", Fault.tooManyRequests(1));

		long start = System.nanoTime();
		assertThat(client.companies()).hasSize(2);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(fake.requests("/api/companies")).isEqualTo(2);
	}

	@Test
	void retryAfterLongerThanWeWaitFailsAtOnceAsRateLimited() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		fake.failNext("/api/companies", Fault.tooManyRequests(600));

		IxonException ex = catchThrowableOfType(IxonException.class, client::companies);

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.RATE_LIMITED);
		assertThat(ex.getMessage()).contains("listing IXON companies", "HTTP 429", "rate limit");
		assertThat(fake.requests("/api/companies")).isEqualTo(1);
	}

	@Test
	void serverErrorsAreRetriedAndAPersistentOneIsReported() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		fake.failNext("/api/access-tokens", Fault.serverError(), Fault.serverError());
		assertThat(client.companies()).hasSize(2);

		fake.failNext("/api/web-access-v2", Fault.serverError(), Fault.serverError(), Fault.serverError());
		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http"));

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.SERVER);
		assertThat(ex.getMessage()).contains("IXON web access request", "HTTP 503", "try again later");
		assertThat(fake.requests("/api/access-tokens")).isEqualTo(3);
		assertThat(fake.requests("/api/web-access-v2")).isEqualTo(3);
	}

	@Test
	void persistentServerErrorsAreRetriedForTheWholeBudgetAndTheReportSaysHowLong() {
		IxonClient client = new IxonClient(IxonFixtures.password(fake),
				IxonFixtures.FAST.withRetries(100, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2))
					.withRetryBudget(Duration.ofMillis(800)));
		client.login();
		Fault[] always = new Fault[60];
		java.util.Arrays.fill(always, Fault.serverError());
		fake.failNext("/api/companies", always);

		long start = System.nanoTime();
		IxonException ex = catchThrowableOfType(IxonException.class, client::companies);

		Duration spent = Duration.ofNanos(System.nanoTime() - start);
		assertThat(spent).isBetween(Duration.ofMillis(500), Duration.ofMillis(800 + 500));
		assertThat(fake.requests("/api/companies")).isGreaterThan(4);
		assertThat(ex.getMessage()).containsPattern("HTTP 503.*\\(\\d+ attempts over 0\\.\\d s\\)");
	}

	@Test
	void aRetryAfterBeyondTheBudgetIsNotWaitedFor() {
		IxonClient client = new IxonClient(IxonFixtures.password(fake),
				IxonFixtures.FAST.withRetryBudget(Duration.ofMillis(500)));
		client.login();
		fake.failNext("/api/companies", Fault.tooManyRequests(1));

		IxonException ex = catchThrowableOfType(IxonException.class, client::companies);

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.RATE_LIMITED);
		assertThat(fake.requests("/api/companies")).isEqualTo(1);
	}

	@Test
	void slowAnswerTimesOutAndIsRetried() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		client.login();
		fake.failNext("/api/agents", Fault.slow(2500));

		assertThat(client.agents(FakeIxon.COMPANY)).hasSize(3);
		assertThat(fake.requests("/api/agents")).isEqualTo(3);
	}

	@Test
	void answerThatNeverComesInTimeIsReportedAsNoAnswerWithinTheCallTimeout() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		client.login();
		fake.failNext("/api/companies", Fault.slow(1500), Fault.slow(1500), Fault.slow(1500));

		IxonException ex = catchThrowableOfType(IxonException.class, client::companies);

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.UNREACHABLE);
		assertThat(ex.getMessage()).contains("listing IXON companies", "the IXON API did not answer within 1 s",
				"3 attempts");
	}

	@Test
	void unreachableApiIsReportedAfterRetries() {
		var config = IxonFixtures.password(fake);
		fake.close();

		IxonException ex = catchThrowableOfType(IxonException.class, () -> IxonFixtures.client(config).login());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.UNREACHABLE);
		assertThat(ex.getMessage()).contains("IXON API discovery", "connection refused", "127.0.0.1");
	}

}
