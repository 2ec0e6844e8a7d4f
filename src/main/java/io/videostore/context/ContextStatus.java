package io.videostore.context;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What this instance's context work did lately, for its health and its metrics: alarms
 * anchored by IXON's occurrence or by {@code createdOn}
 * ({@code videostore_alarm_anchors_total{anchor}}), signal fetches by outcome
 * ({@code videostore_alarm_context_total{outcome}}: done, partial, failed, retrying), the
 * last fetch and the last problem with its reason.
 */
final class ContextStatus {

	/** One fetch: a final outcome, or {@code retrying} when it will be fetched again. */
	record Outcome(long alarmId, String outcome, String reason, Instant at) {
	}

	private final MeterRegistry registry;

	private volatile Outcome last;

	private volatile Outcome lastProblem;

	ContextStatus(MeterRegistry registry) {
		this.registry = registry;
	}

	void anchored(String source) {
		this.registry.counter("videostore.alarm.anchors", "anchor", source).increment();
	}

	/**
	 * A fetch was saved: {@code state} done, partial or failed; {@code again} when it is
	 * to be fetched again later.
	 */
	void saved(long alarmId, String state, String reason, boolean again, Instant at) {
		String outcome = (again && !"done".equals(state)) ? "retrying" : state;
		this.registry.counter("videostore.alarm.context", "outcome", outcome).increment();
		Outcome o = new Outcome(alarmId, outcome, reason, at);
		this.last = o;
		if (!"done".equals(state) && reason != null) {
			this.lastProblem = o;
		}
	}

	Outcome last() {
		return this.last;
	}

	Outcome lastProblem() {
		return this.lastProblem;
	}

}
