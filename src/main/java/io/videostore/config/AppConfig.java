package io.videostore.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole validated configuration: what {@code config.yml} (plus environment variables)
 * says.
 *
 * @param ixonApi IXON API credentials and base URL ({@code IXON_api})
 * @param cameras the cameras to record; never empty (the demo camera stands in when none
 * is configured)
 * @param video global video settings ({@code video}); each camera carries its own merged
 * copy
 * @param webhooks webhook intake settings ({@code webhooks})
 * @param database where the alarm and clip index lives ({@code database})
 * @param storage retention of the local clips, and the bucket they go to
 * ({@code storage})
 * @param notifications who hears that a clip is ready ({@code notify})
 * @param web who may use the UI and the API ({@code web})
 * @param instance this instance among several on one database ({@code instance})
 * @param context the machine's logged signals beside each clip ({@code context})
 * @param server the web server's place in the network ({@code server})
 * @param source the file this was read from (null when built in code)
 * @param demoFallback true when no camera was configured and the built-in demo camera is
 * used
 */
public record AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
		DatabaseConfig database, StorageConfig storage, NotifyConfig notifications, WebConfig web,
		InstanceConfig instance, ContextConfig context, ServerConfig server, Path source, boolean demoFallback) {

	public AppConfig {
		server = (server != null) ? server : ServerConfig.DEFAULTS;
		context = (context != null) ? context : ContextConfig.DEFAULTS;
		instance = (instance != null) ? instance : InstanceConfig.DEFAULTS;
		web = (web != null) ? web : WebConfig.NONE;
		notifications = (notifications != null) ? notifications : NotifyConfig.NONE;
		cameras = List.copyOf(cameras);
		database = (database != null) ? database : DatabaseConfig.DEFAULT;
		storage = (storage != null) ? storage : StorageConfig.DEFAULTS;
	}

	/** As one instance alone. */
	public AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			DatabaseConfig database, StorageConfig storage, NotifyConfig notifications, WebConfig web, Path source,
			boolean demoFallback) {
		this(ixonApi, cameras, video, webhooks, database, storage, notifications, web, InstanceConfig.DEFAULTS,
				ContextConfig.DEFAULTS, ServerConfig.DEFAULTS, source, demoFallback);
	}

	/** The same, with these context settings. */
	public AppConfig withContext(ContextConfig context) {
		return new AppConfig(this.ixonApi, this.cameras, this.video, this.webhooks, this.database, this.storage,
				this.notifications, this.web, this.instance, context, this.server, this.source, this.demoFallback);
	}

	/** The same, as this instance. */
	public AppConfig withInstance(InstanceConfig instance) {
		return new AppConfig(this.ixonApi, this.cameras, this.video, this.webhooks, this.database, this.storage,
				this.notifications, this.web, instance, this.context, this.server, this.source, this.demoFallback);
	}

	/** The same, behind these proxies. */
	public AppConfig withServer(ServerConfig server) {
		return new AppConfig(this.ixonApi, this.cameras, this.video, this.webhooks, this.database, this.storage,
				this.notifications, this.web, this.instance, this.context, server, this.source, this.demoFallback);
	}

	/** Without web users. */
	public AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			DatabaseConfig database, StorageConfig storage, NotifyConfig notifications, Path source,
			boolean demoFallback) {
		this(ixonApi, cameras, video, webhooks, database, storage, notifications, WebConfig.NONE, source, demoFallback);
	}

	/** The same, with these web users. */
	public AppConfig withWeb(WebConfig web) {
		return new AppConfig(this.ixonApi, this.cameras, this.video, this.webhooks, this.database, this.storage,
				this.notifications, web, this.instance, this.context, this.server, this.source, this.demoFallback);
	}

	/** Without notifications. */
	public AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			DatabaseConfig database, StorageConfig storage, Path source, boolean demoFallback) {
		this(ixonApi, cameras, video, webhooks, database, storage, NotifyConfig.NONE, source, demoFallback);
	}

	/** With the default storage: local clips only, default retention. */
	public AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			DatabaseConfig database, Path source, boolean demoFallback) {
		this(ixonApi, cameras, video, webhooks, database, StorageConfig.DEFAULTS, NotifyConfig.NONE, source,
				demoFallback);
	}

	/** With the default index database. */
	public AppConfig(IxonApiConfig ixonApi, List<CameraConfig> cameras, VideoConfig video, WebhooksConfig webhooks,
			Path source, boolean demoFallback) {
		this(ixonApi, cameras, video, webhooks, DatabaseConfig.DEFAULT, source, demoFallback);
	}

	/**
	 * This instance's name in the cluster tables: {@code instance.id}, else the host's
	 * name and a hash of the videos folder (the same after a restart, so a restarted
	 * instance finds its own work files; different for two instances of one host, which
	 * cannot share a videos folder anyway).
	 */
	public String instanceId() {
		return this.instance.id().isEmpty() ? InstanceConfig.defaultId(this.video.output()) : this.instance.id();
	}

	/** The camera with this id, if configured. */
	public java.util.Optional<CameraConfig> camera(String id) {
		return cameras.stream().filter((c) -> c.id().equals(id)).findFirst();
	}

}
