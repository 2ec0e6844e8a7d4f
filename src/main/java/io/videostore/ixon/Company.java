package io.videostore.ixon;

/**
 * An IXON company the user belongs to.
 *
 * @param publicId the id sent as {@code Api-Company} ({@code company_id} in config.yml)
 * @param name its name
 */
public record Company(String publicId, String name) {
}
