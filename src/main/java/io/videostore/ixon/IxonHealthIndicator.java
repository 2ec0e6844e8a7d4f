package io.videostore.ixon;

import java.util.List;

import io.videostore.system.Redactor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the IXON connection from what the client last saw (never calls IXON itself,
 * so probes cost nothing and cannot trip IXON's rate limit): UNKNOWN before the first
 * call, DOWN while the latest call failed.
 */
class IxonHealthIndicator extends AbstractHealthIndicator {

	private final IxonClient client;

	private final String accountEmail;

	/**
	 * @param accountEmail the IXON login, masked wherever an error message names it
	 */
	IxonHealthIndicator(IxonClient client, String accountEmail) {
		super("IXON health check failed");
		this.client = client;
		this.accountEmail = accountEmail;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		IxonStatus status = client.status();
		builder.withDetail("logins", status.logins()).withDetail("calls", status.calls());
		if (status.lastSuccess() != null) {
			builder.withDetail("lastSuccess", status.lastSuccess().toString());
		}
		if (status.lastFailure() != null) {
			builder.withDetail("lastFailure", status.lastFailure().toString());
			// Once a later call succeeded, the error is history, not the state.
			builder.withDetail(status.failing() ? "lastError" : "resolvedError",
					Redactor.redact(status.lastError(), List.of(accountEmail)));
		}
		if (status.failing()) {
			builder.down();
		}
		else if (status.lastSuccess() == null) {
			builder.unknown();
		}
		else {
			builder.up();
		}
	}

}
