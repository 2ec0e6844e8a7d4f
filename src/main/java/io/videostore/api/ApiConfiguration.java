package io.videostore.api;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title, version and summary ({@code /v3/api-docs}). */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	OpenAPI videoStoreOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Video Store Service API")
				.version((properties != null) ? properties.getVersion() : "dev")
				.license(new License().name("MIT"))
				.description("""
						Alarms from IXON Cloud Notify and the video clips recorded for them: the alarm list with \
						filters, pages and CSV export, each alarm with its machine variables, jobs and clips, clips \
						streamed with HTTP range requests (or redirected to the bucket), thumbnails, statistics, \
						protect and delete, and record-now for a camera. Errors are application/problem+json. \
						Times are UTC ISO-8601 instants."""))
			// Relative: a URL generated from the request would repeat its Host header.
			.servers(List.of(new Server().url("/").description("this service")));
	}

}
