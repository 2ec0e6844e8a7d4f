package io.videostore.ixon.data;

/**
 * A data source of an agent (a PLC connection) whose tags IXON logs.
 *
 * @param publicId its IXON publicId
 * @param name its name
 * @param slug its slug
 */
public record DataSource(String publicId, String name, String slug) {
}
