package io.videostore.cli.wizard;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The wizard's questions and answers: on a terminal through {@link Console} (passwords
 * not echoed), otherwise line by line from standard input, so the wizard can be scripted.
 * End of input aborts the wizard.
 */
final class WizardConsole {

	private final BufferedReader in;

	private final PrintStream out;

	private final Console console;

	WizardConsole(Reader in, PrintStream out, Console console) {
		this.in = new BufferedReader(in);
		this.out = out;
		this.console = console;
	}

	/** The process's terminal when there is one, else standard input and output. */
	static WizardConsole system() {
		return new WizardConsole(new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out,
				System.console());
	}

	void say(String text) {
		out.println(text);
		out.flush();
	}

	/**
	 * The answer, or the default when the answer is empty (a null default means the
	 * question must be answered).
	 */
	String ask(String question, String fallback) {
		while (true) {
			String answer = line(
					question + (fallback != null && !fallback.isEmpty() ? " [" + fallback + "]" : "") + ": ")
				.strip();
			if (!answer.isEmpty()) {
				return answer;
			}
			if (fallback != null) {
				return fallback;
			}
			say("  An answer is needed here.");
		}
	}

	/**
	 * A secret, not echoed on a terminal. An empty answer keeps {@code current} when
	 * there is one.
	 * @return the new value, or {@code current} when kept
	 */
	String askSecret(String question, String current) {
		boolean keep = current != null && !current.isEmpty();
		String prompt = question + (keep ? " [Enter keeps the current one]" : "") + ": ";
		while (true) {
			String answer;
			if (console != null) {
				out.flush();
				char[] chars = console.readPassword("%s", prompt);
				if (chars == null) {
					throw new WizardAbortedException("input ended");
				}
				answer = new String(chars);
			}
			else {
				answer = line(prompt);
			}
			if (!answer.isEmpty()) {
				return answer;
			}
			if (keep) {
				return current;
			}
			say("  An answer is needed here.");
		}
	}

	/** Yes or no; empty means the default. */
	boolean confirm(String question, boolean fallback) {
		while (true) {
			String answer = line(question + (fallback ? " [Y/n]: " : " [y/N]: ")).strip().toLowerCase();
			if (answer.isEmpty()) {
				return fallback;
			}
			if (answer.equals("y") || answer.equals("yes")) {
				return true;
			}
			if (answer.equals("n") || answer.equals("no")) {
				return false;
			}
			say("  Please answer y or n.");
		}
	}

	private String line(String prompt) {
		out.print(prompt);
		out.flush();
		String line;
		try {
			line = (console != null) ? console.readLine() : in.readLine();
		}
		catch (IOException ex) {
			throw new WizardAbortedException("input failed: " + ex.getMessage());
		}
		if (line == null) {
			out.println();
			throw new WizardAbortedException("input ended");
		}
		return line;
	}

}
