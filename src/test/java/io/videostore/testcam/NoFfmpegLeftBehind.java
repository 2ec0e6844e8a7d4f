package io.videostore.testcam;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import static org.awaitility.Awaitility.await;

/**
 * Fails a test that leaves an ffmpeg or ffprobe process of this JVM running: every
 * recording, probe and buffer must stop and reap its processes. Checked after each test,
 * or after the whole class for classes whose service keeps a buffering ffmpeg between
 * tests ({@code after = CLASS}). A process gets a few seconds to go, since stopping
 * escalates gracefully.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NoFfmpegLeftBehind.Check.class)
public @interface NoFfmpegLeftBehind {

	/** When to check. */
	When after() default When.EACH;

	/** After each test, or once after the class. */
	enum When {

		EACH, CLASS

	}

	/** The extension. */
	class Check implements AfterEachCallback, AfterAllCallback {

		/** The ffmpeg and ffprobe processes this JVM started that are still alive. */
		public static List<String> running() {
			return ProcessHandle.current()
				.descendants()
				.filter(ProcessHandle::isAlive)
				.map((p) -> p.info().command().orElse("?"))
				.filter((c) -> c.contains("ffmpeg") || c.contains("ffprobe"))
				.toList();
		}

		/**
		 * Longer than the graceful stop's own escalation steps, so a stop in progress
		 * finishes.
		 */
		private static final Duration PATIENCE = Duration.ofSeconds(15);

		@Override
		public void afterEach(ExtensionContext context) {
			if (when(context) == When.EACH) {
				check();
			}
		}

		@Override
		public void afterAll(ExtensionContext context) {
			if (when(context) == When.CLASS) {
				check();
			}
		}

		private static When when(ExtensionContext context) {
			return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), NoFfmpegLeftBehind.class)
				.map(NoFfmpegLeftBehind::after)
				.orElse(When.EACH);
		}

		private static void check() {
			await("no ffmpeg left running").atMost(PATIENCE)
				.pollInterval(Duration.ofMillis(100))
				.until(Check::running, List::isEmpty);
		}

	}

}
