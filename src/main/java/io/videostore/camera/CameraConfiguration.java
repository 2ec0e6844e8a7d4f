package io.videostore.camera;

import io.videostore.config.AppConfig;
import io.videostore.ixon.IxonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's camera sources, reaching IXON cameras through the one shared IXON client:
 * its token is reused across recordings and its state feeds the health check.
 */
@Configuration(proxyBeanMethods = false)
class CameraConfiguration {

	@Bean(destroyMethod = "close")
	CameraSources cameraSources(AppConfig config, ObjectProvider<IxonClient> ixon,
			ObjectProvider<StreamLicence> licence) {
		return CameraSources.create(config, ixon.getIfAvailable())
			.licensed(licence.getIfAvailable(() -> StreamLicence.ALWAYS));
	}

}
