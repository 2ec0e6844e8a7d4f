/**
 * The {@code --configure} wizard: IXON login, device and service choice, camera settings,
 * a test recording, then only the changed keys written into config.yml.
 */
package io.videostore.cli.wizard;
