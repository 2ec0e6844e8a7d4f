package io.videostore.cli.wizard;

import java.util.Map;
import java.util.function.Function;

import io.videostore.config.IxonApiConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;

/**
 * The wizard's first step: asks for the IXON credentials that are missing, logs in, and
 * on a refusal asks again for what IXON refused (password, 2FA secret, application id).
 */
final class WizardIxonLogin {

	private static final int ATTEMPTS = 3;

	private final WizardConsole console;

	private final Function<IxonApiConfig, IxonClient> clients;

	WizardIxonLogin(WizardConsole console, Function<IxonApiConfig, IxonClient> clients) {
		this.console = console;
		this.clients = clients;
	}

	/**
	 * A logged-in client.
	 * @param changes receives the {@code IXON_api.*} values the user typed
	 * @throws IxonException when IXON keeps refusing, or fails for a reason the user
	 * cannot fix here
	 */
	IxonClient login(IxonApiConfig start, Map<String, String> changes) {
		IxonApiConfig config = askMissing(start, changes);
		for (int attempt = 1;; attempt++) {
			IxonClient client = clients.apply(config);
			try {
				client.login();
				console.say(config.accessToken().isBlank() ? "Logged in to IXON as " + config.email() + "."
						: "Using the IXON service-account token.");
				return client;
			}
			catch (IxonException ex) {
				console.say("  " + ex.getMessage());
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				config = fix(config, ex, changes);
			}
		}
	}

	private IxonApiConfig askMissing(IxonApiConfig c, Map<String, String> changes) {
		String apiKey = c.apiKey();
		if (apiKey.isBlank()) {
			console
				.say("IXON needs an application id (Api-Application), issued by IXON or shown for a service account.");
			apiKey = put(changes, "IXON_api.api_key", console.ask("IXON application id", null));
		}
		String email = c.email();
		String password = c.password();
		if (c.accessToken().isBlank() && email.isBlank()) {
			email = put(changes, "IXON_api.email", console.ask("IXON user e-mail", null));
		}
		if (c.accessToken().isBlank() && password.isEmpty()) {
			password = put(changes, "IXON_api.password", console.askSecret("IXON password", null));
		}
		return new IxonApiConfig(apiKey, email, password, c.otpSecret(), c.accessToken(), c.baseUrl());
	}

	private IxonApiConfig fix(IxonApiConfig c, IxonException ex, Map<String, String> changes) {
		return switch (ex.kind()) {
			case LOGIN -> {
				String email = put(changes, "IXON_api.email", console.ask("IXON user e-mail", c.email()));
				String password = put(changes, "IXON_api.password", console.askSecret("IXON password", null));
				yield new IxonApiConfig(c.apiKey(), email, password, c.otpSecret(), c.accessToken(), c.baseUrl());
			}
			case ONE_TIME_PASSWORD, NOT_CONFIGURED -> {
				if (ex.kind() == IxonException.Kind.NOT_CONFIGURED && !ex.getMessage().contains("otp_secret")) {
					throw ex;
				}
				console.say("The service logs in unattended, so it needs the 2FA secret itself (the base32 text "
						+ "behind the QR code of the authenticator set-up), not a one-time code.");
				String otp = put(changes, "IXON_api.otp_secret", console.askSecret("IXON 2FA secret (base32)", null));
				yield new IxonApiConfig(c.apiKey(), c.email(), c.password(), otp, c.accessToken(), c.baseUrl());
			}
			case APPLICATION -> {
				String apiKey = put(changes, "IXON_api.api_key", console.ask("IXON application id", null));
				yield new IxonApiConfig(apiKey, c.email(), c.password(), c.otpSecret(), c.accessToken(), c.baseUrl());
			}
			default -> throw ex;
		};
	}

	private static String put(Map<String, String> changes, String key, String value) {
		changes.put(key, value);
		return value;
	}

}
