package io.videostore.recording;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.clips.JobState;
import io.videostore.recording.source.RecordingResult;
import org.springframework.stereotype.Component;

/**
 * Recording metrics (Prometheus at {@code /actuator/prometheus}): queue depth, active
 * recordings, recordings by outcome, recorded seconds, bytes written, and failures by
 * cause.
 */
@Component
class RecordingMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final DistributionSummary seconds;

	private final Counter bytes;

	RecordingMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("videostore.recordings.active", active, AtomicInteger::get)
			.description("Recordings capturing or finalizing now")
			.register(registry);
		this.seconds = DistributionSummary.builder("videostore.recording.duration")
			.baseUnit("seconds")
			.description("Length of recorded clips")
			.register(registry);
		this.bytes = Counter.builder("videostore.recording.bytes")
			.baseUnit("bytes")
			.description("Bytes of clips written")
			.register(registry);
	}

	void queueDepth(Supplier<Number> depth) {
		Gauge.builder("videostore.queue.depth", depth).description("Recording jobs waiting").register(registry);
	}

	void active(int delta) {
		active.addAndGet(delta);
	}

	void recorded(JobState state, RecordingResult result) {
		registry.counter("videostore.recordings", "outcome", state.value()).increment();
		if (result == null) {
			return;
		}
		if (result.probe() != null) {
			seconds.record(result.probe().durationSeconds());
			bytes.increment(result.probe().sizeBytes());
		}
		if (result.cause() != RecordingResult.Cause.NONE) {
			registry
				.counter("videostore.recording.failures", "reason",
						result.cause().name().toLowerCase(java.util.Locale.ROOT))
				.increment();
		}
	}

}
