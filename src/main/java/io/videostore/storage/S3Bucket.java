package io.videostore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.videostore.config.S3Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The bucket clips are uploaded to, over the AWS SDK's blocking client. Works against AWS
 * and S3-compatible stores: the SDK's default CRC checksums, which several stores reject,
 * are sent only when an operation requires them; integrity comes from
 * {@code Content-MD5}, which every store checks, and a size check of the stored object.
 */
final class S3Bucket implements AutoCloseable {

	private final S3Client s3;

	private final S3Config config;

	private final S3Presigner presigner;

	private S3Bucket(S3Client s3, S3Presigner presigner, S3Config config) {
		this.s3 = s3;
		this.presigner = presigner;
		this.config = config;
	}

	public static S3Bucket open(S3Config config) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(Apache5HttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(10))
				.socketTimeout(Duration.ofSeconds(60)))
			.region(config.region().isEmpty() ? Region.US_EAST_1 : Region.of(config.region()))
			.forcePathStyle(config.pathStyle())
			.credentialsProvider(credentials(config))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		S3Presigner.Builder presigner = S3Presigner.builder()
			.region(config.region().isEmpty() ? Region.US_EAST_1 : Region.of(config.region()))
			.credentialsProvider(credentials(config))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
		if (!config.endpoint().isEmpty()) {
			builder.endpointOverride(URI.create(config.endpoint()));
			presigner.endpointOverride(URI.create(config.endpoint()));
		}
		return new S3Bucket(builder.build(), presigner.build(), config);
	}

	/** A URL that reads the object for {@code validFor}, with no credentials needed. */
	public URI presignedGet(String key, Duration validFor) {
		return URI.create(this.presigner.presignGetObject(
				(r) -> r.signatureDuration(validFor).getObjectRequest((g) -> g.bucket(this.config.bucket()).key(key)))
			.url()
			.toString());
	}

	private static AwsCredentialsProvider credentials(S3Config config) {
		return config.accessKey().isEmpty() ? DefaultCredentialsProvider.builder().build()
				: StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
	}

	public String name() {
		return this.config.bucket();
	}

	/**
	 * Uploads the file as {@code key} (putting it again under the same key is harmless)
	 * and checks the stored object's size.
	 * @param metadata object metadata; values are %-encoded, as S3 allows only ASCII
	 * @throws IOException when the file cannot be read or the stored object differs
	 */
	public void put(Path file, String key, Map<String, String> metadata) throws IOException {
		long size = Files.size(file);
		String md5 = Base64.getEncoder().encodeToString(md5(file));
		this.s3.putObject((r) -> r.bucket(this.config.bucket())
			.key(key)
			.contentType("video/mp4")
			.contentLength(size)
			.contentMD5(md5)
			.metadata(encode(metadata)), RequestBody.fromFile(file));
		HeadObjectResponse stored = this.s3.headObject((r) -> r.bucket(this.config.bucket()).key(key));
		if (stored.contentLength() == null || stored.contentLength() != size) {
			throw new IOException(
					"the stored object " + key + " has " + stored.contentLength() + " bytes, not " + size);
		}
	}

	static byte[] md5(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = in.read(buffer)) > 0;) {
				md5.update(buffer, 0, n);
			}
			return md5.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> encode(Map<String, String> metadata) {
		Map<String, String> encoded = new java.util.LinkedHashMap<>();
		metadata.forEach((k, v) -> {
			if (v != null) {
				encoded.put(k, ascii(v));
			}
		});
		return encoded;
	}

	/**
	 * Printable ASCII as it is; anything else (and {@code %}) as %-escaped UTF-8, since
	 * S3 metadata travels in HTTP headers: {@code Presse Köln} →
	 * {@code Presse K%C3%B6ln}.
	 */
	static String ascii(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c >= 0x20 && c < 0x7f && c != '%') {
				out.append((char) c);
			}
			else {
				out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
			}
		}
		return out.toString();
	}

	@Override
	public void close() {
		this.s3.close();
		this.presigner.close();
	}

}
