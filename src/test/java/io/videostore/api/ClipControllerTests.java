package io.videostore.api;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.videostore.clips.Clips;
import io.videostore.clips.search.AlarmSearch;
import io.videostore.storage.ClipDeleter;
import io.videostore.storage.ClipReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.iterableWithSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /api/clips/{id}} answers, with storage mocked and a real file: byte ranges
 * and their errors, conditional requests, the redirect to the bucket, 404 for a clip that
 * is gone, the thumbnail, delete and protect, and ids that are no positive numbers.
 */
@WebMvcTest(ClipController.class)
@Import(ApiSlice.class)
class ClipControllerTests {

	private static final int SIZE = 1000;

	@TempDir
	Path folder;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AlarmSearch search;

	@MockitoBean
	Clips clips;

	@MockitoBean
	ClipReader reader;

	@MockitoBean
	ClipDeleter deleter;

	@MockitoBean
	Thumbnails thumbnails;

	private byte[] bytes;

	@BeforeEach
	void clip() throws Exception {
		this.bytes = new byte[SIZE];
		for (int i = 0; i < SIZE; i++) {
			this.bytes[i] = (byte) i;
		}
		Path file = Files.write(this.folder.resolve("clip.mp4"), this.bytes);
		given(this.search.clip(3))
			.willReturn(Optional.of(new AlarmSearch.ClipOfAlarm(ApiSlice.clip(3, "local"), 7L, ApiSlice.NOW)));
		given(this.reader.open(3)).willReturn(Optional.of(new ClipReader.LocalFile(file)));
	}

	@Test
	void theWholeVideoIsAnMp4ThatAdvertisesRanges() throws Exception {
		this.mvc.perform(get("/api/clips/3/video"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("video/mp4"))
			.andExpect(header().string("Accept-Ranges", "bytes"))
			.andExpect(header().stringValues("ETag", iterableWithSize(1)))
			.andExpect(header().stringValues("Last-Modified", iterableWithSize(1)))
			.andExpect(header().string("Content-Disposition", containsString("inline")))
			.andExpect(content().bytes(this.bytes));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "bytes=0-99,0,99", "bytes=400-599,400,599", "bytes=-500,500,999", "bytes=100-,100,999",
			"bytes=900-5000,900,999", "bytes=-5000,0,999", "bytes=999-999,999,999", "BYTES=0-0,0,0" })
	void aRangeIs206WithJustThoseBytes(String range, int first, int last) throws Exception {
		MvcResult result = this.mvc.perform(get("/api/clips/3/video").header("Range", range))
			.andExpect(status().isPartialContent())
			.andExpect(header().string("Content-Range", "bytes " + first + "-" + last + "/" + SIZE))
			.andExpect(header().string("Content-Length", String.valueOf(last - first + 1)))
			.andExpect(header().string("Accept-Ranges", "bytes"))
			.andExpect(header().stringValues("ETag", iterableWithSize(1)))
			.andExpect(header().stringValues("Last-Modified", iterableWithSize(1)))
			.andExpect(content().contentType("video/mp4"))
			.andReturn();

		assertThat(result.getResponse().getContentAsByteArray())
			.isEqualTo(java.util.Arrays.copyOfRange(this.bytes, first, last + 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=1000-", "bytes=1000-1000", "bytes=5000-6000", "bytes=-0" })
	void aRangePastTheEndIs416WithTheSizeAndNoBody(String range) throws Exception {
		this.mvc.perform(get("/api/clips/3/video").header("Range", range))
			.andExpect(status().isRequestedRangeNotSatisfiable())
			.andExpect(header().string("Content-Range", "bytes */" + SIZE))
			.andExpect(content().bytes(new byte[0]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=", "bytes=abc", "bytes=-", "bytes=500-100", "pages=1-2", "bytes=0-1,5-6",
			"bytes=0-1,", "bytes= 0-1", "bytes=+1-2", "bytes=0x1-2", "bytes=1-2-3", "bytes=\u0661-\u0662",
			"bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes" })
	void aBrokenUnknownOrMultipleRangeIsIgnoredForTheWholeFile(String range) throws Exception {
		this.mvc.perform(get("/api/clips/3/video").header("Range", range))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Content-Range"))
			.andExpect(header().string("Content-Length", String.valueOf(SIZE)))
			.andExpect(content().bytes(this.bytes));
	}

	@Test
	void twoRangeHeadersAreIgnoredForTheWholeFile() throws Exception {
		this.mvc.perform(get("/api/clips/3/video").header("Range", "bytes=0-1", "bytes=5-6"))
			.andExpect(status().isOk())
			.andExpect(content().bytes(this.bytes));
	}

	@Test
	void anIfRangeOfThisVersionGetsTheRangeAndOfAnotherTheWholeFile() throws Exception {
		MvcResult whole = this.mvc.perform(get("/api/clips/3/video")).andReturn();
		String etag = whole.getResponse().getHeader("ETag");
		String modified = whole.getResponse().getHeader("Last-Modified");

		for (String same : new String[] { etag, modified }) {
			this.mvc.perform(get("/api/clips/3/video").header("Range", "bytes=0-9").header("If-Range", same))
				.andExpect(status().isPartialContent())
				.andExpect(header().string("Content-Range", "bytes 0-9/" + SIZE));
		}
		for (String other : new String[] { "\"clip-3-other\"", "W/" + etag, "Thu, 01 Jan 2009 00:00:00 GMT",
				"yesterday" }) {
			this.mvc.perform(get("/api/clips/3/video").header("Range", "bytes=0-9").header("If-Range", other))
				.andExpect(status().isOk())
				.andExpect(header().doesNotExist("Content-Range"))
				.andExpect(content().bytes(this.bytes));
		}
	}

	@Test
	void anUnchangedVideoIs304EvenForARange() throws Exception {
		String etag = this.mvc.perform(get("/api/clips/3/video")).andReturn().getResponse().getHeader("ETag");

		this.mvc.perform(get("/api/clips/3/video").header("If-None-Match", etag).header("Range", "bytes=0-9"))
			.andExpect(status().isNotModified())
			.andExpect(header().string("ETag", etag))
			.andExpect(content().bytes(new byte[0]));
	}

	/** The server drops HEAD's body; ApiIntegrationTests checks that over HTTP. */
	@Test
	void headAnswersTheHeaders() throws Exception {
		this.mvc.perform(head("/api/clips/3/video"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Length", String.valueOf(SIZE)))
			.andExpect(header().string("Accept-Ranges", "bytes"));
	}

	@Test
	void anUnchangedVideoIs304ForItsETag() throws Exception {
		String etag = this.mvc.perform(get("/api/clips/3/video")).andReturn().getResponse().getHeader("ETag");

		this.mvc.perform(get("/api/clips/3/video").header("If-None-Match", etag)).andExpect(status().isNotModified());
	}

	@Test
	void aDownloadIsAnAttachmentNamedAfterTheFile() throws Exception {
		this.mvc.perform(get("/api/clips/3/video").param("download", "true"))
			.andExpect(
					header().string("Content-Disposition", "attachment; filename=\"2026-11-26T11-59-55_Press_7.mp4\""));
	}

	@Test
	void aClipOnlyInTheBucketRedirectsToItsPresignedUrl() throws Exception {
		URI url = URI.create("http://127.0.0.1:9000/clips/demo/x.mp4?X-Amz-Signature=abc");
		given(this.reader.open(3)).willReturn(Optional.of(new ClipReader.RemoteUrl(url, Duration.ofMinutes(15))));

		this.mvc.perform(get("/api/clips/3/video"))
			.andExpect(status().isTemporaryRedirect())
			.andExpect(header().string("Location", url.toString()))
			.andExpect(header().string("Cache-Control", "no-store"));
	}

	@Test
	void aClipStoredNowhereIs404SayingWhy() throws Exception {
		given(this.search.clip(4))
			.willReturn(Optional.of(new AlarmSearch.ClipOfAlarm(ApiSlice.clip(4, "deleted"), 7L, ApiSlice.NOW)));

		this.mvc.perform(get("/api/clips/4/video"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("clip 4 is no longer stored: older than max_age 30d"));
	}

	@Test
	void anUnknownClipIs404() throws Exception {
		this.mvc.perform(get("/api/clips/99/video"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no clip 99"));
		this.mvc.perform(delete("/api/clips/99")).andExpect(status().isNotFound());
		this.mvc.perform(put("/api/clips/99/protected").contentType(MediaType.APPLICATION_JSON).content("true"))
			.andExpect(status().isNotFound());

		verify(this.clips, never()).setProtected(anyLong(), org.mockito.ArgumentMatchers.anyBoolean());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/clips/..%2F..%2Fetc%2Fpasswd/video", "/api/clips/%2e%2e/video", "/api/clips/0/video",
			"/api/clips/-3/thumbnail", "/api/clips/3x/video", "/api/clips/1e3/video" })
	void pathTraversalAndOtherNonIdsAreHarmless400Or404(String path) throws Exception {
		this.mvc.perform(get(path))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).isIn(400, 404))
			.andExpect(content().string(not(containsString("root:"))))
			.andExpect(content().string(not(containsString("Exception"))));

		verifyNoInteractions(this.reader, this.thumbnails);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "0x3", "#3", "+3", " 3", "3 ", "\u0663", "1e3", "-3", "99999999999999999999", "3.0" })
	void anIdOfAnythingButDecimalDigitsIs400(String id) throws Exception {
		for (String path : new String[] { "/api/clips/{id}/video", "/api/clips/{id}/thumbnail" }) {
			this.mvc.perform(get(path, id))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("id: must be a whole number"));
		}

		verifyNoInteractions(this.search, this.reader, this.thumbnails);
	}

	@Test
	void theThumbnailIsAJpegCachedForAWeek() throws Exception {
		Path jpeg = Files.write(this.folder.resolve("3.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2 });
		given(this.thumbnails.thumbnail(3)).willReturn(jpeg);

		this.mvc.perform(get("/api/clips/3/thumbnail").accept(MediaType.IMAGE_JPEG))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_JPEG))
			.andExpect(header().string("Cache-Control", "max-age=604800, private"))
			.andExpect(content().bytes(Files.readAllBytes(jpeg)));
	}

	@Test
	void aThumbnailOfAnUnknownClipIsAProblemEvenForAnImageOnlyClient() throws Exception {
		given(this.thumbnails.thumbnail(99)).willThrow(new NotFoundException("clip", 99L));

		this.mvc.perform(get("/api/clips/99/thumbnail").accept(MediaType.IMAGE_JPEG)).andExpect(status().isNotFound());
	}

	@Test
	void deleteRemovesTheLocalCopyWithTheReasonAndAnswersWhereTheClipIsNow() throws Exception {
		given(this.search.clip(3)).willReturn(
				Optional.of(new AlarmSearch.ClipOfAlarm(ApiSlice.clip(3, "local"), 7L, ApiSlice.NOW)),
				Optional.of(new AlarmSearch.ClipOfAlarm(ApiSlice.clip(3, "deleted"), 7L, ApiSlice.NOW)));

		this.mvc.perform(delete("/api/clips/3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(3))
			.andExpect(jsonPath("$.location").value("deleted"));

		verify(this.deleter).delete(3, "deleted by a user");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"protected": true} | true
			{"protected": false}| false
			true                | true
			false               | false""")
	void protectTakesAnObjectOrABoolean(String body, boolean kept) throws Exception {
		this.mvc.perform(put("/api/clips/3/protected").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(3));

		verify(this.clips).setProtected(3, kept);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"protected\": \"yes\"}", "{}", "1", "\"true\"", "[true]" })
	void protectWithoutABooleanIs400NamingIt(String body) throws Exception {
		this.mvc.perform(put("/api/clips/3/protected").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("protected"));

		verify(this.clips, never()).setProtected(anyLong(), org.mockito.ArgumentMatchers.anyBoolean());
	}

	@Test
	void protectWithBrokenJsonIs400Problem() throws Exception {
		this.mvc.perform(put("/api/clips/3/protected").contentType(MediaType.APPLICATION_JSON).content("{nope"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
