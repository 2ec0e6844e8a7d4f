package io.videostore.recording;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.videostore.config.CameraConfig;
import io.videostore.recording.source.ClipSource;
import org.springframework.stereotype.Component;

/**
 * The clip sources in order (a pre-roll buffer before recording on demand), and the one
 * that serves a camera now: a camera whose buffer could not start is recorded on demand.
 */
@Component
public class ClipSources {

	private final List<ClipSource> sources;

	ClipSources(List<ClipSource> sources) {
		this.sources = List.copyOf(sources);
	}

	ClipSource sourceFor(CameraConfig camera) {
		return this.sources.stream()
			.filter((s) -> s.serves(camera))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no clip source serves camera '" + camera.id() + "'"));
	}

	public List<ClipSource> all() {
		return this.sources;
	}

	/** Every source's per-camera state, by camera id. */
	Map<String, Object> states() {
		Map<String, Object> states = new TreeMap<>();
		this.sources.forEach((s) -> states.putAll(s.states()));
		return states;
	}

}
