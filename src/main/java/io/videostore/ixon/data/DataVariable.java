package io.videostore.ixon.data;

/**
 * A variable of an agent (a PLC address); logged when a tag exists for it.
 *
 * @param publicId its IXON publicId
 * @param variableId the number alarm formulas refer to it by
 * @param name its name
 * @param slug its slug
 */
public record DataVariable(String publicId, long variableId, String name, String slug) {
}
