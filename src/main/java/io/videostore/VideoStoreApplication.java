package io.videostore;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application: the root of component scanning for every feature package.
 * The program's entry point is {@code cli.VideoStoreCommand}, which parses the command
 * line first and starts Spring only when the service itself runs.
 */
@SpringBootApplication
public class VideoStoreApplication {

}
