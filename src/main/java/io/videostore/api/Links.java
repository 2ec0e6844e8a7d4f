package io.videostore.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.videostore.clips.search.AlarmClip;

/** The API's and the web UI's paths for an alarm or a clip, relative to the service. */
final class Links {

	private Links() {
	}

	static String alarm(long id) {
		return "/api/alarms/" + id;
	}

	static String ui(long alarmId) {
		return "/alarms/" + alarmId;
	}

	static String video(long clipId) {
		return "/api/clips/" + clipId + "/video";
	}

	static String thumbnail(long clipId) {
		return "/api/clips/" + clipId + "/thumbnail";
	}

	/** An alarm's links: itself, its UI page, and its first playable clip's. */
	static Map<String, String> forAlarm(long id, AlarmClip firstClip) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", alarm(id));
		links.put("ui", ui(id));
		if (firstClip != null) {
			links.putAll(forClip(firstClip));
		}
		return links;
	}

	/** A clip's video and thumbnail, while it can be played. */
	static Map<String, String> forClip(AlarmClip clip) {
		if ("deleted".equals(clip.location())) {
			return Map.of();
		}
		Map<String, String> links = new LinkedHashMap<>();
		links.put("video", video(clip.id()));
		links.put("thumbnail", thumbnail(clip.id()));
		return links;
	}

}
