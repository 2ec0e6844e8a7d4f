package io.videostore.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code --hash-password}: reads a password (twice and without echo on a terminal, else
 * one line of stdin) and prints the {@code {bcrypt}…} hash to put in
 * {@code web.users[].password}. The password itself is never printed.
 */
final class PasswordHash {

	/** Shorter passwords are refused: a web login guards the clips of a factory. */
	static final int MIN_LENGTH = 10;

	private PasswordHash() {
	}

	static int print(Console console, InputStream stdin, PrintWriter out, PrintWriter err) throws IOException {
		char[] password;
		if (console != null) {
			password = console.readPassword("Password for the web user: ");
			char[] again = console.readPassword("The same again: ");
			if (password == null || again == null || !Arrays.equals(password, again)) {
				err.println("The passwords differ; nothing printed.");
				err.flush();
				return ExitCodes.USAGE;
			}
			Arrays.fill(again, ' ');
		}
		else {
			String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
			password = (line != null) ? line.toCharArray() : new char[0];
		}
		if (password.length < MIN_LENGTH) {
			err.println("A web password needs at least " + MIN_LENGTH + " characters; nothing printed.");
			err.flush();
			return ExitCodes.USAGE;
		}
		String hash = new BCryptPasswordEncoder().encode(new String(password));
		Arrays.fill(password, ' ');
		out.println("{bcrypt}" + hash);
		out.flush();
		return ExitCodes.OK;
	}

}
