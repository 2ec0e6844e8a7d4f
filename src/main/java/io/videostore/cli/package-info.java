/**
 * Command-line entry point (picocli): parses flags before anything else starts and maps
 * failures to exit codes.
 */
package io.videostore.cli;
