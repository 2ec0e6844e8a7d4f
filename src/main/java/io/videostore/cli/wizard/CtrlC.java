package io.videostore.cli.wizard;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl+C while the wizard asks its questions: leaves like "quit without saving" (the file
 * untouched, the quit exit code) instead of the JVM's 130; pressed while the file is
 * being written, it waits for the write to finish. Uses the JDK's {@code sun.misc.Signal}
 * (module jdk.unsupported) through reflection, as javac warns about it at every build;
 * where it is missing, Ctrl+C keeps its usual meaning.
 */
final class CtrlC implements AutoCloseable {

	private final AtomicBoolean saving = new AtomicBoolean();

	private final Object previous;

	private CtrlC(Runnable say, int exitCode) {
		this.previous = install((signal) -> {
			if (!this.saving.get()) {
				say.run();
				System.exit(exitCode);
			}
		});
	}

	/** From now until {@link #close()}, Ctrl+C says so and exits with this code. */
	static CtrlC quits(Runnable say, int exitCode) {
		return new CtrlC(say, exitCode);
	}

	/** Runs the save with Ctrl+C held off, so the file is never left half-written. */
	void whileSaving(Runnable save) {
		this.saving.set(true);
		try {
			save.run();
		}
		finally {
			this.saving.set(false);
		}
	}

	@Override
	public void close() {
		if (this.previous != null) {
			try {
				Class<?> signal = Class.forName("sun.misc.Signal");
				Class<?> handler = Class.forName("sun.misc.SignalHandler");
				signal.getMethod("handle", signal, handler)
					.invoke(null, signal.getConstructor(String.class).newInstance("INT"), this.previous);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// The process is ending anyway.
			}
		}
	}

	private static Object install(java.util.function.Consumer<Object> onSignal) {
		try {
			Class<?> signal = Class.forName("sun.misc.Signal");
			Class<?> handler = Class.forName("sun.misc.SignalHandler");
			Object proxy = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] { handler },
					(self, method, args) -> switch (method.getName()) {
						case "handle" -> {
							onSignal.accept(args[0]);
							yield null;
						}
						case "hashCode" -> System.identityHashCode(self);
						case "equals" -> self == args[0];
						default -> "CtrlC";
					});
			return signal.getMethod("handle", signal, handler)
				.invoke(null, signal.getConstructor(String.class).newInstance("INT"), proxy);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
