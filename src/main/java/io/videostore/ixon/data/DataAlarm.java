package io.videostore.ixon.data;

/**
 * An alarm definition of an agent.
 *
 * @param publicId its IXON publicId
 * @param name its name (what Cloud Notify's alarm text starts with)
 * @param sourceId the publicId of its data source, or empty
 * @param formula its condition in postfix notation, variables as {@code $<variableId>} or
 * {@code #<variableId>}; empty when IXON did not say
 */
public record DataAlarm(String publicId, String name, String sourceId, String formula) {
}
