package io.videostore;

import io.videostore.cli.VideoStoreCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Video Store Service: records a clip from a machine's camera when IXON Cloud Notify
 * reports an alarm. The command line is parsed first; Spring starts only when the service
 * itself runs.
 */
@SpringBootApplication
public class VideoStoreApplication {

	public static void main(String[] args) {
		System.exit(VideoStoreCommand.run(args));
	}

}
