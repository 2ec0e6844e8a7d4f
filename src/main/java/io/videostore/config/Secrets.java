package io.videostore.config;

/**
 * How records that hold secrets print them: only whether one is set.
 */
final class Secrets {

	private Secrets() {
	}

	static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "<empty>" : "****";
	}

}
