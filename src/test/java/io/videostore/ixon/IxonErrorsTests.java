package io.videostore.ixon;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** IXON's error bodies become messages that say what IXON objected to. */
class IxonErrorsTests {

	private final IxonErrors errors = new IxonErrors(List.of("s3cret-password"), false);

	private final IxonRequest request = IxonRequest.post(URI.create("https://portal.ixon.cloud/api/data"),
			"1111-2222-3333-4444-5555", "[]", "fetching IXON logged data (2 tags)");

	@Test
	void everyProblemIxonListsIsInTheMessageTheFirstAlsoOnItsOwn() {
		String body = """
				{"type":"Error","status":"error","moreAfter":null,"data":[
				  {"message":"Must be between 1 and 5000","propertyName":"[0].tags[0].queries[0].limit"},
				  {"message":"Required field","propertyName":"[1].source.publicId"}]}
				""";

		IxonException ex = errors.answer(request, 400, JsonMapper.builder().build().readTree(body));

		assertThat(ex.getMessage()).isEqualTo("fetching IXON logged data (2 tags) failed: IXON answered HTTP 400 "
				+ "\"Must be between 1 and 5000\" (about [0].tags[0].queries[0].limit); "
				+ "\"Required field\" (about [1].source.publicId)");
		assertThat(ex.ixonMessage()).isEqualTo("Must be between 1 and 5000");
		assertThat(ex.propertyName()).isEqualTo("[0].tags[0].queries[0].limit");
	}

	@Test
	void aSecretIxonEchoesIsMasked() {
		String body = "{\"data\":[{\"message\":\"ok\"},{\"message\":\"bad s3cret-password\"}],\"status\":\"error\"}";

		IxonException ex = errors.answer(request, 400, JsonMapper.builder().build().readTree(body));

		assertThat(ex.getMessage()).contains("\"ok\"", "bad").doesNotContain("s3cret-password");
	}

}
