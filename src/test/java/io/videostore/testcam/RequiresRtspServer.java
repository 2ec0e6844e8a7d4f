package io.videostore.testcam;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests that need {@link FakeRtspCamera} (Debian's GStreamer RTSP server, which
 * {@code .ci/run} installs). Without it each test is reported as skipped, with the
 * reason, rather than vanishing from the count; with
 * {@code VIDEOSTORE_REQUIRE_RTSP_TESTS} set (as in CI) they run and fail loudly if the
 * server is missing. Start the camera in {@code @BeforeEach} (e.g. once, lazily), not
 * {@code @BeforeAll}: only test methods are skipped.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRtspServer.Condition.class)
public @interface RequiresRtspServer {

	/** The condition: classes always run their lifecycle; each test method is judged. */
	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (context.getTestMethod().isEmpty() || System.getenv("VIDEOSTORE_REQUIRE_RTSP_TESTS") != null
					|| FakeRtspCamera.available()) {
				return ConditionEvaluationResult.enabled("GStreamer RTSP server available or required");
			}
			return ConditionEvaluationResult
				.disabled("GStreamer RTSP server not installed: apt-get install the packages .ci/run names");
		}

	}

}
