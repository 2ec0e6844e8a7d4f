package io.videostore.config;

import java.net.URI;

/**
 * IXON API settings ({@code IXON_api.*}). Holds secrets: {@link #toString()} never prints
 * them.
 *
 * @param apiKey application id sent as {@code Api-Application}
 * @param email login e-mail for minted access tokens
 * @param password login password (secret)
 * @param otpSecret base32 TOTP secret for 2FA accounts (secret, may be empty)
 * @param accessToken service-account bearer token used instead of email/password (secret,
 * may be empty)
 * @param baseUrl API base URL, default {@code https://portal.ixon.cloud/api/}
 */
public record IxonApiConfig(String apiKey, String email, String password, String otpSecret, String accessToken,
		URI baseUrl) {

	public static final URI DEFAULT_BASE_URL = URI.create("https://portal.ixon.cloud/api/");

	@Override
	public String toString() {
		return "IxonApiConfig[apiKey=" + Secrets.mask(apiKey) + ", email=" + email + ", password="
				+ Secrets.mask(password) + ", otpSecret=" + Secrets.mask(otpSecret) + ", accessToken="
				+ Secrets.mask(accessToken) + ", baseUrl=" + baseUrl + "]";
	}

}
