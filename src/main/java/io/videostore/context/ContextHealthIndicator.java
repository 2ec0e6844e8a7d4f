package io.videostore.context;

import java.util.LinkedHashMap;
import java.util.Map;

import io.videostore.clips.AlarmContexts;
import io.videostore.clips.db.HealthQueries;
import io.videostore.config.AppConfig;
import io.videostore.ixon.IxonClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the alarms' context (their exact time and the machine's signals): where the
 * signals come from, how many alarms still wait for theirs, the last fetch and the last
 * problem with its reason (a missing IXON permission, a data source that logs nothing…).
 * Always UP: a clip never depends on its signals, so a load balancer must not drop an
 * instance over them; read the details (or the {@code videostore_alarm_context_total}
 * metric) instead. When the database does not answer how many alarms wait (within
 * {@link HealthQueries#WAIT}), the details say so.
 */
@Component("context")
class ContextHealthIndicator extends AbstractHealthIndicator {

	private final AppConfig config;

	private final AlarmContexts contexts;

	private final ContextStatus status;

	private final HealthQueries queries;

	ContextHealthIndicator(AppConfig config, AlarmContexts contexts, ContextFetcher fetcher, HealthQueries queries) {
		super("Alarm context health check failed");
		this.queries = queries;
		this.config = config;
		this.contexts = contexts;
		this.status = fetcher.status();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.up().withDetail("signals", source());
		if (!this.config.context().enabled()) {
			return;
		}
		try {
			builder.withDetail("pending", this.queries.ask(this.contexts::pending));
		}
		catch (HealthQueries.NoAnswer ex) {
			builder.withDetail("pending", ex.getMessage());
		}
		ContextStatus.Outcome last = this.status.last();
		if (last != null) {
			builder.withDetail("lastFetch", details(last));
		}
		ContextStatus.Outcome problem = this.status.lastProblem();
		if (problem != null) {
			builder.withDetail("lastProblem", details(problem));
		}
	}

	private String source() {
		if (!this.config.context().enabled()) {
			return "off (context.enabled: false)";
		}
		return IxonClient.configured(this.config.ixonApi()) ? "IXON data logging"
				: "demo cameras only (the IXON API is not configured)";
	}

	private static Map<String, Object> details(ContextStatus.Outcome o) {
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("alarmId", o.alarmId());
		d.put("outcome", o.outcome());
		if (o.reason() != null) {
			d.put("reason", o.reason());
		}
		d.put("at", o.at().toString());
		return d;
	}

}
