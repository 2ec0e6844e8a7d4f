package io.videostore.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link ClipStore}: finished clips appear under their final name complete, and
 * never replace another clip.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClipStoreTests {

	static final String NAME = "2026-11-26T12-26-24_Line_4_Case_Packer.mp4";

	@TempDir
	Path dir;

	final ClipStore store = new ClipStore(Clock.systemUTC());

	@Test
	void finishedClipIsPublishedUnderItsNameAndTheWorkFileIsGone() throws IOException {
		Path output = this.dir.resolve("videos");
		Path finished = finished("clip one");

		Path stored = this.store.store(finished, output, NAME);

		assertThat(stored).isEqualTo(output.resolve(NAME));
		assertThat(stored).hasContent("clip one");
		assertThat(finished).doesNotExist();
	}

	@Test
	void missingOutputFoldersAreCreated() throws IOException {
		Path output = this.dir.resolve("videos/line4/2026");

		Path stored = this.store.store(finished("clip"), output, NAME);

		assertThat(stored).isEqualTo(output.resolve(NAME)).hasContent("clip");
	}

	@Test
	void takenNameGetsSuffix2AndNeverOverwrites() throws IOException {
		Path output = this.dir.resolve("videos");
		Path first = this.store.store(finished("first"), output, NAME);

		Path second = this.store.store(finished("second"), output, NAME);

		assertThat(second).isEqualTo(output.resolve("2026-11-26T12-26-24_Line_4_Case_Packer_2.mp4"))
			.hasContent("second");
		assertThat(first).hasContent("first");
	}

	@Test
	void eachFurtherClipOfTheSameNameGetsTheNextNumber() throws IOException {
		Path output = this.dir.resolve("videos");
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			names.add(this.store.store(finished("clip " + i), output, "alarm.mp4").getFileName().toString());
		}

		assertThat(names).containsExactly("alarm.mp4", "alarm_2.mp4", "alarm_3.mp4", "alarm_4.mp4", "alarm_5.mp4");
		for (int i = 1; i <= 5; i++) {
			assertThat(output.resolve(names.get(i - 1))).hasContent("clip " + i);
		}
	}

	@Test
	void theFirstFreeNumberIsUsed() throws IOException {
		Path output = Files.createDirectories(this.dir.resolve("videos"));
		Files.writeString(output.resolve("alarm.mp4"), "old");
		Files.writeString(output.resolve("alarm_3.mp4"), "old 3");

		Path stored = this.store.store(finished("new"), output, "alarm.mp4");

		assertThat(stored).isEqualTo(output.resolve("alarm_2.mp4")).hasContent("new");
		assertThat(output.resolve("alarm_3.mp4")).hasContent("old 3");
	}

	@Test
	void aFolderOrALinkInTheWayIsLeftAloneAndSkipped() throws IOException {
		Path output = Files.createDirectories(this.dir.resolve("videos"));
		Files.createDirectory(output.resolve("alarm.mp4"));
		Path elsewhere = this.dir.resolve("elsewhere.mp4");
		Files.createSymbolicLink(output.resolve("alarm_2.mp4"), elsewhere);

		Path stored = this.store.store(finished("new"), output, "alarm.mp4");

		assertThat(stored).isEqualTo(output.resolve("alarm_3.mp4")).hasContent("new");
		assertThat(output.resolve("alarm.mp4")).isEmptyDirectory();
		assertThat(Files.isSymbolicLink(output.resolve("alarm_2.mp4"))).isTrue();
		assertThat(elsewhere).doesNotExist();
	}

	@Test
	void aNameWithoutMp4ExtensionGetsTheNumberAtTheEnd() throws IOException {
		Path output = this.dir.resolve("videos");
		this.store.store(finished("first"), output, "wizard-test");

		Path second = this.store.store(finished("second"), output, "wizard-test");

		assertThat(second).isEqualTo(output.resolve("wizard-test_2")).hasContent("second");
	}

	@Test
	void publishingMovesTheVideoInsteadOfCopyingIt() throws IOException {
		Path finished = finished("clip");
		Object before = Files.readAttributes(finished, BasicFileAttributes.class).fileKey();

		Path stored = this.store.store(finished, this.dir.resolve("videos"), NAME);

		assertThat(before).isNotNull();
		assertThat(Files.readAttributes(stored, BasicFileAttributes.class).fileKey()).isEqualTo(before);
		assertThat(Files.readAttributes(stored, BasicFileAttributes.class).isRegularFile()).isTrue();
	}

	@Test
	void aMissingWorkFileFailsAndPublishesNothing() throws IOException {
		Path output = this.dir.resolve("videos");
		Path missing = this.store.partialDir(output).resolve("gone.mp4");

		assertThatThrownBy(() -> this.store.store(missing, output, NAME)).isInstanceOf(NoSuchFileException.class);
		assertThat(output.resolve(NAME)).doesNotExist();
	}

	@Test
	void clipsFinishingTogetherUnderOneNameAllKeepTheirOwnFile() throws Exception {
		Path output = this.dir.resolve("videos");
		int clips = 8;
		List<Path> finished = new ArrayList<>();
		for (int i = 0; i < clips; i++) {
			finished.add(finished("clip " + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(clips);
		try {
			List<Future<Path>> results = new ArrayList<>();
			for (Path f : finished) {
				Callable<Path> publish = () -> {
					start.await();
					return this.store.store(f, output, NAME);
				};
				results.add(pool.submit(publish));
			}
			start.countDown();
			List<Path> stored = new ArrayList<>();
			for (Future<Path> r : results) {
				stored.add(r.get(30, TimeUnit.SECONDS));
			}

			assertThat(stored).doesNotHaveDuplicates();
			for (int i = 0; i < clips; i++) {
				assertThat(stored.get(i)).hasContent("clip " + i);
			}
			try (var files = Files.list(output)) {
				assertThat(files.filter(Files::isRegularFile)).hasSize(clips);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void workInProgressFolderIsHiddenInsideTheOutputFolder() throws IOException {
		Path output = this.dir.resolve("videos");

		Path partial = this.store.partialDir(output);

		assertThat(partial).isEqualTo(output.resolve(".partial")).isDirectory();
		assertThat(this.store.partialDir(output)).isEqualTo(partial);
	}

	@Test
	void nothingIsLeftInTheWorkFolderAfterPublishing() throws IOException {
		Path output = this.dir.resolve("videos");
		Path partial = this.store.partialDir(output);
		Path finished = Files.writeString(partial.resolve("job-17.mp4"), "clip");

		this.store.store(finished, output, NAME);

		assertThat(partial).isEmptyDirectory();
		try (var files = Files.list(output)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactlyInAnyOrder(".partial", NAME);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("namesTheFileSystemRefuses")
	void aClipWhoseNameTheFileSystemRefusesIsPublishedUnderAFallbackName(String why, String name, CapturedOutput log)
			throws IOException {
		Path output = this.dir.resolve("videos");
		Path finished = finished("the only copy");

		Path stored = this.store.store(finished, output, name);

		assertThat(stored.getParent()).isEqualTo(output);
		assertThat(stored.getFileName().toString()).matches("2019-08-29T12-26-24_clip_[0-9a-f]{8}\\.mp4");
		assertThat(stored).hasContent("the only copy");
		assertThat(finished).doesNotExist();
		assertThat(log).contains("WARN").contains("Clip could not be published as").contains(stored.toString());
	}

	static Stream<Arguments> namesTheFileSystemRefuses() {
		return Stream.of(Arguments.of("300 bytes", "2019-08-29T12-26-24_" + "ö".repeat(140) + ".mp4"),
				Arguments.of("a NUL character", "2019-08-29T12-26-24_Press\u0000A.mp4"),
				Arguments.of("a folder separator", "2019-08-29T12-26-24_no/such/folder.mp4"));
	}

	@Test
	void theSameRefusedNameTwiceGivesTwoClips() throws IOException {
		Path output = this.dir.resolve("videos");
		String name = "2019-08-29T12-26-24_" + "x".repeat(300) + ".mp4";

		Path first = this.store.store(finished("first"), output, name);
		Path second = this.store.store(finished("second"), output, name);

		assertThat(first).hasContent("first");
		assertThat(second).hasContent("second").isNotEqualTo(first);
	}

	@Test
	void aFolderThatCannotBeWrittenStillFailsTheStore() throws IOException {
		Path output = Files.writeString(this.dir.resolve("videos"), "a file where the folder should be");

		assertThatThrownBy(() -> this.store.store(finished("clip"), output, NAME)).isInstanceOf(IOException.class);
	}

	@Test
	void publishedClipsAreReadableByOwnerAndGroupOnlyWhateverTheUmask() throws IOException {
		Path output = this.dir.resolve("videos");
		Path finished = Files.writeString(this.store.partialDir(output).resolve("job.mp4"), "clip");
		assumeThat(Files.getPosixFilePermissions(finished)).as("umask 022 or wider")
			.contains(PosixFilePermission.OTHERS_READ);

		Path stored = this.store.store(finished, output, NAME);

		assertThat(Files.getPosixFilePermissions(stored)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
	}

	@Test
	void workFolderIsTheOwnersOnlyAndTheOutputFolderTheOwnersAndGroups() throws IOException {
		Path output = this.dir.resolve("videos");

		Path partial = this.store.partialDir(output);

		assertThat(Files.getPosixFilePermissions(partial)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.getPosixFilePermissions(output)).isSubsetOf(PosixFilePermissions.fromString("rwxr-x---"));
	}

	@Test
	void aWorkFolderOpenToEveryoneFromAnEarlierVersionIsClosed() throws IOException {
		Path output = this.dir.resolve("videos");
		Path partial = Files.createDirectories(output.resolve(".partial"));
		Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));

		this.store.partialDir(output);

		assertThat(Files.getPosixFilePermissions(partial)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	/** A finished clip in the work folder. */
	Path finished(String content) throws IOException {
		Path partial = Files.createDirectories(this.dir.resolve("work"));
		return Files.writeString(Files.createTempFile(partial, "clip", ".mp4"), content);
	}

}
