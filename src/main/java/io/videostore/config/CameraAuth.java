package io.videostore.config;

/**
 * A camera's own authentication ({@code auth.{type,username,password}}).
 * {@link #toString()} hides the password.
 *
 * @param type none, basic or digest
 * @param username user name (may be empty)
 * @param password password (secret, may be empty)
 */
public record CameraAuth(AuthType type, String username, String password) {

	public static final CameraAuth NONE = new CameraAuth(AuthType.NONE, "", "");

	/** Authentication schemes a camera may require ({@code auth.type}). */
	public enum AuthType {

		NONE, BASIC, DIGEST

	}

	@Override
	public String toString() {
		return "CameraAuth[type=" + type + ", username=" + username + ", password=" + Secrets.mask(password) + "]";
	}

}
