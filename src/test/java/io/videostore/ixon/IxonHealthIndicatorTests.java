package io.videostore.ixon;

import io.videostore.testcam.FakeIxon;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The IXON health shows what recordings last saw and never calls IXON itself.
 */
class IxonHealthIndicatorTests {

	@Test
	void unknownBeforeAnyCallUpAfterASuccessDownAfterAFailureAndUpWithoutTheErrorOnceItWorksAgain() {
		try (FakeIxon fake = FakeIxon.start(null)) {
			IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
			IxonHealthIndicator health = new IxonHealthIndicator(client, FakeIxon.EMAIL);

			assertThat(health.health(true).getStatus()).isEqualTo(Status.UNKNOWN);
			client.companies();
			Health up = health.health(true);
			int requests = fake.requests();
			catchThrowable(() -> client.agents("0000-not-mine"));
			Health down = health.health(true);

			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("logins", 1L).containsKey("lastSuccess");
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) down.getDetails().get("lastError")).contains("0000-not-mine")
				.doesNotContain(FakeIxon.PASSWORD);
			assertThat(fake.requests()).isEqualTo(requests + 1);

			// A later call works again: the error is no longer reported as the state.
			client.companies();
			Health recovered = health.health(true);
			assertThat(recovered.getStatus()).isEqualTo(Status.UP);
			assertThat(recovered.getDetails()).doesNotContainKey("lastError").containsKey("resolvedError");
		}
	}

	@Test
	void aFailedLoginDoesNotShowTheAccountsEmail() {
		try (FakeIxon fake = FakeIxon.start(null)) {
			IxonClient client = IxonFixtures.client(new io.videostore.config.IxonApiConfig(FakeIxon.APPLICATION,
					FakeIxon.EMAIL, "wrong password", "", "", fake.baseUrl()));
			IxonHealthIndicator health = new IxonHealthIndicator(client, FakeIxon.EMAIL);

			catchThrowable(client::companies);
			Health down = health.health(true);

			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) down.getDetails().get("lastError")).contains("IXON login as ****")
				.doesNotContain(FakeIxon.EMAIL);
		}
	}

}
