package io.videostore.config;

import java.util.List;

/**
 * Who hears that a clip is ready ({@code notify}).
 *
 * @param webhooks the URLs a "clip ready" message is POSTed to
 */
public record NotifyConfig(List<Target> webhooks) {

	public static final NotifyConfig NONE = new NotifyConfig(List.of());

	public NotifyConfig {
		webhooks = List.copyOf(webhooks);
	}

	/**
	 * One receiver.
	 *
	 * @param url where the message is POSTed
	 * @param secret the HMAC-SHA256 key its signature header is made with; empty for none
	 */
	public record Target(String url, String secret) {

		/** Without the secret. */
		@Override
		public String toString() {
			return "Target[url=" + this.url + ", secret=" + (this.secret.isEmpty() ? "" : "****") + "]";
		}

	}

}
