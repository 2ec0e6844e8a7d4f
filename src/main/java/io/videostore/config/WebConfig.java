package io.videostore.config;

import java.util.List;
import java.util.Optional;

/**
 * Who may use the web UI and the API ({@code web}).
 *
 * @param users the accounts; none means the UI and API answer only on loopback
 */
public record WebConfig(List<User> users) {

	public static final WebConfig NONE = new WebConfig(List.of());

	public WebConfig {
		users = List.copyOf(users);
	}

	public Optional<User> user(String name) {
		return this.users.stream().filter((u) -> u.name().equals(name)).findFirst();
	}

	/**
	 * One account.
	 *
	 * @param name the login name
	 * @param password a {@code {bcrypt}…} hash, or plain text (warned about at start)
	 */
	public record User(String name, String password) {

		static final String BCRYPT = "{bcrypt}";

		/** Whether the password is written in plain text rather than as a hash. */
		public boolean plainText() {
			return !this.password.startsWith(BCRYPT);
		}

		/** Without the password. */
		@Override
		public String toString() {
			return "User[name=" + this.name + ", password=****]";
		}

	}

}
