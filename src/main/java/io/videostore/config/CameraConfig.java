package io.videostore.config;

import java.util.List;

/**
 * One camera ({@code cameras[n]}, or the legacy single {@code camera} which becomes id
 * {@code default}).
 *
 * @param id stable identifier, used in file names, logs and environment variable names
 * @param name human-readable name
 * @param source where the video comes from
 * @param url direct stream URL for {@code source: url} ({@code http(s)://…} MJPEG or
 * {@code rtsp://…}); no credentials inside (they belong in {@code auth})
 * @param auth the camera's own HTTP/RTSP authentication
 * @param companyId IXON company publicId ({@code source: ixon})
 * @param webaccessServiceId IXON HTTP service publicId ({@code source: ixon})
 * @param webaccessAccessType {@code http} or {@code https} ({@code source: ixon})
 * @param streamPath path of the stream on the camera, e.g.
 * {@code /axis-cgi/mjpg/video.cgi} ({@code source: ixon})
 * @param match which alarms trigger this camera
 * @param video effective video settings: global {@code video.*} overridden by this
 * camera's {@code video.*}
 * @param site the site whose edge recorders own this camera ({@code instance.site});
 * empty when any instance without a site may own it
 */
public record CameraConfig(String id, String name, CameraSourceType source, String url, CameraAuth auth,
		String companyId, String webaccessServiceId, String webaccessAccessType, String streamPath, MatchRules match,
		VideoConfig video, String site, List<String> contextTags) {

	public CameraConfig {
		site = (site != null) ? site.strip() : "";
		contextTags = (contextTags != null) ? List.copyOf(contextTags) : List.of();
	}

	/** A camera whose context tags are chosen from the alarm. */
	public CameraConfig(String id, String name, CameraSourceType source, String url, CameraAuth auth, String companyId,
			String webaccessServiceId, String webaccessAccessType, String streamPath, MatchRules match,
			VideoConfig video, String site) {
		this(id, name, source, url, auth, companyId, webaccessServiceId, webaccessAccessType, streamPath, match, video,
				site, List.of());
	}

	/** A camera that any instance without a site may own. */
	public CameraConfig(String id, String name, CameraSourceType source, String url, CameraAuth auth, String companyId,
			String webaccessServiceId, String webaccessAccessType, String streamPath, MatchRules match,
			VideoConfig video) {
		this(id, name, source, url, auth, companyId, webaccessServiceId, webaccessAccessType, streamPath, match, video,
				"");
	}

	/** The built-in test pattern camera used when nothing else is configured. */
	public static CameraConfig demo(VideoConfig video) {
		return new CameraConfig("demo", "Demo camera", CameraSourceType.DEMO, null, CameraAuth.NONE, null, null, null,
				null, MatchRules.ALL, video);
	}

	/** A copy of this camera with other video settings. */
	public CameraConfig withVideo(VideoConfig video) {
		return new CameraConfig(id, name, source, url, auth, companyId, webaccessServiceId, webaccessAccessType,
				streamPath, match, video, site, contextTags);
	}

	/** A copy of this camera owned by the edge recorders of this site. */
	public CameraConfig withSite(String site) {
		return new CameraConfig(id, name, source, url, auth, companyId, webaccessServiceId, webaccessAccessType,
				streamPath, match, video, site, contextTags);
	}

}
