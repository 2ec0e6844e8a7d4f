package io.videostore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layout of DESIGN § 1 holds, read from the sources' imports: feature
 * packages depend one way ({@code cli, webhook → recording → camera → ixon};
 * {@code recording → ffmpeg, storage, clips}; {@code recording.cluster → recording →
 * recording.source}, the clip sources' contract, which the sources import instead of the
 * queue; {@code recording.preroll → recording.preroll.buffer};
 * {@code clips.search → clips → clips.db}; {@code config.edit → config.loader →
 * config}; {@code storage.retention} and {@code ixon.data} sit beside their parents),
 * {@code config} depends on nothing and {@code system} only on {@code config}, and there
 * is no cycle anywhere, the root package included.
 */
class PackageDependencyTests {

	private static final Path SOURCES = Path.of("src/main/java/io/videostore");

	private static final String ROOT = "(root)";

	private static final Pattern IMPORT = Pattern
		.compile("^import (?:static )?io\\.videostore((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]", Pattern.MULTILINE);

	/** Each package and the packages it may import. A new package must be added here. */
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(entry(ROOT, Set.of()),
			// The schema, how config.yml is read into it, and the wizard's key editor.
			entry("config", Set.of()), entry("config.loader", Set.of("config")),
			entry("config.edit", Set.of("config", "config.loader")), entry("system", Set.of("config")),
			// Who may pass which door: Spring Security's chains, the firewall, proxies.
			entry("security", Set.of("config", "system")), entry("ixon", Set.of("config", "system")),
			entry("ixon.data", Set.of("ixon")), entry("camera", Set.of("config", "system", "ixon")),
			entry("ffmpeg", Set.of("config", "system")),
			// The index: its database under it, the API's searches over it.
			entry("clips.db", Set.of("config", "system")), entry("clips", Set.of("config", "system", "clips.db")),
			entry("clips.search", Set.of("clips", "clips.db")),
			entry("storage", Set.of("config", "system", "clips", "clips.db")),
			entry("storage.retention", Set.of("config", "clips")),
			// The clip sources' contract sits under the queue; the sources import it, not
			// the queue (pre-roll also asks which cameras this instance owns).
			entry("recording.source", Set.of("config", "ffmpeg")),
			// camera: the cameras this instance owns are the licence to stream them;
			// clips.db: the health components' bounded questions to the index.
			entry("recording",
					Set.of("config", "system", "clips", "clips.db", "ffmpeg", "storage", "storage.retention",
							"recording.source", "camera")),
			entry("recording.cluster", Set.of("config", "system", "clips", "clips.db", "storage", "recording")),
			entry("recording.ondemand",
					Set.of("config", "system", "recording.source", "camera", "ffmpeg", "storage", "storage.retention")),
			// Pre-roll assembles clips from the per-camera segment buffer under it.
			entry("recording.preroll.buffer", Set.of("config", "system", "camera", "ffmpeg")),
			entry("recording.preroll",
					Set.of("config", "system", "recording", "recording.source", "recording.preroll.buffer", "camera",
							"ffmpeg", "storage", "storage.retention")),
			// clips.db: the health's bounded questions to the index.
			entry("context", Set.of("config", "system", "clips", "clips.db", "ixon", "ixon.data")),
			entry("webhook",
					Set.of("config", "system", "clips", "recording", "storage", "storage.retention", "context")),
			// The UI's pages: everything they show comes from the REST API, in the
			// browser.
			entry("web", Set.of("config", "system")),
			// The REST API reads the index, queues record-now and reaches files through
			// storage; ffmpeg makes its thumbnails. Nothing depends on it.
			entry("api",
					Set.of("config", "system", "clips", "clips.search", "recording", "recording.source", "storage",
							"ffmpeg")),
			// The statistics use the alarm list's filters and parameter checks.
			entry("api.stats", Set.of("api", "clips.search")),
			entry("cli.wizard",
					Set.of("config", "config.loader", "config.edit", "system", "camera", "ixon", "ffmpeg",
							"recording.source", "recording.ondemand", "storage")),
			entry("cli", Set.of(ROOT, "config", "config.loader", "system", "camera", "ixon", "ffmpeg", "clips",
					"recording.source", "recording.ondemand", "storage", "cli.wizard")));

	@Test
	void packagesDependOnEachOtherWithoutCycles() throws IOException {
		Map<String, Set<String>> graph = dependencies();

		List<String> cycles = new ArrayList<>();
		for (String start : graph.keySet()) {
			findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
		}

		assertThat(graph).containsKeys(ROOT, "cli", "recording", "recording.preroll", "recording.preroll.buffer",
				"recording.ondemand", "recording.source", "recording.cluster", "ffmpeg", "webhook", "camera");
		assertThat(cycles).as("package cycles in %s", graph).isEmpty();
	}

	@Test
	void everyPackageImportsOnlyWhatTheLayoutAllows() throws IOException {
		Map<String, Set<String>> graph = dependencies();

		assertThat(ALLOWED).as("packages missing from the layout").containsKeys(graph.keySet().toArray(String[]::new));
		graph.forEach((pkg, deps) -> assertThat(deps).as("what %s imports", pkg).isSubsetOf(ALLOWED.get(pkg)));
	}

	@Test
	void nothingDependsOnTheApi() throws IOException {
		dependencies().entrySet()
			.stream()
			.filter((e) -> !e.getKey().startsWith("api."))
			.forEach((e) -> assertThat(e.getValue()).as("what %s imports", e.getKey())
				.doesNotContain("api", "api.stats"));
	}

	@Test
	void theRootPackageIsOnlyTheApplicationAndImportsNoFeature() throws IOException {
		try (Stream<Path> files = Files.list(SOURCES)) {
			assertThat(files.filter(Files::isRegularFile).map((f) -> f.getFileName().toString()))
				.containsExactly("VideoStoreApplication.java");
		}
		assertThat(dependencies().get(ROOT)).isEmpty();
	}

	private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path,
			List<String> cycles) {
		for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				findCycle(graph, start, path, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	/** Every package (the root as {@value #ROOT}) and the project packages it imports. */
	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				String pkg = name(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
				Set<String> deps = graph.computeIfAbsent(pkg, (k) -> new TreeSet<>());
				Matcher m = IMPORT.matcher(Files.readString(file));
				while (m.find()) {
					String dep = name(m.group(1).isEmpty() ? "" : m.group(1).substring(1));
					if (!dep.equals(pkg)) {
						deps.add(dep);
					}
				}
			}
		}
		return graph;
	}

	private static String name(String pkg) {
		return pkg.isEmpty() ? ROOT : pkg;
	}

}
