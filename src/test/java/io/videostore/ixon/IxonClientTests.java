package io.videostore.ixon;

import java.util.List;

import io.videostore.config.IxonApiConfig;
import io.videostore.ixon.IxonClientOptions.WebAccessMethod;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.FakeIxon.MethodPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The IXON client against the fake API v2: discovery, paged lists, web access and IXON's
 * error answers.
 */
class IxonClientTests {

	private final FakeIxon fake = FakeIxon.start(null);

	@AfterEach
	void stop() {
		fake.close();
	}

	@Test
	void listsCompaniesAndDevicesAcrossPagesWithOnlineStateAndHttpServices() {
		fake.maxPageSize(1);
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		List<Company> companies = client.companies();
		List<Agent> agents = client.agents(FakeIxon.COMPANY);

		assertThat(companies).extracting(Company::name).containsExactly("Acme Machines", "Empty Co");
		assertThat(agents).extracting(Agent::name).containsExactly("Press 1", "Press 2", "Gate");
		assertThat(agents).extracting(Agent::online).containsExactly(true, false, true);
		assertThat(agents.get(0).httpServices()).extracting(HttpService::publicId).containsExactly(FakeIxon.SERVICE);
		assertThat(agents.get(1).httpServices()).isEmpty();
		assertThat(fake.requests("/api/companies")).isEqualTo(2);
		assertThat(fake.requests("/api/agents")).isEqualTo(3);
		assertThat(client.agents(FakeIxon.EMPTY_COMPANY)).isEmpty();
	}

	@Test
	void webAccessGoesWhereDiscoverySaysAndDiscoveryIsFetchedOnce() {
		fake.webAccessPath("/api/elsewhere/webaccess");
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		WebAccessUrl first = client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http");
		client.webAccess(FakeIxon.COMPANY, FakeIxon.GATE_SERVICE, "http");

		assertThat(first.uri().toString()).contains("?auth=");
		assertThat(first.toString()).doesNotContain("auth");
		assertThat(fake.requests("/api/elsewhere/webaccess")).isEqualTo(2);
		assertThat(fake.requests("/api/")).isEqualTo(1);
		assertThat(fake.webAccessBodies()).first()
			.isEqualTo("{\"server\":{\"publicId\":\"" + FakeIxon.SERVICE + "\"}}");
	}

	@Test
	void v1DiscoveryLinksAndA200TokenAnswerAreTolerated() {
		fake.v1Discovery(true).tokenStatus(200);
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		assertThat(client.companies()).hasSize(2);
	}

	@Test
	void webAccessAddsMethodOnlyWhenIxonAsksForItAndRemembersThat() {
		fake.methodPolicy(MethodPolicy.REQUIRED);
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "https");
		client.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "https");

		assertThat(fake.webAccessBodies()).containsExactly("{\"server\":{\"publicId\":\"" + FakeIxon.SERVICE + "\"}}",
				"{\"method\":\"https\",\"server\":{\"publicId\":\"" + FakeIxon.SERVICE + "\"}}",
				"{\"method\":\"https\",\"server\":{\"publicId\":\"" + FakeIxon.SERVICE + "\"}}");
	}

	@Test
	void webAccessWithMethodFallsBackWithoutItWhenIxonRejectsIt() {
		fake.methodPolicy(MethodPolicy.REJECTED);
		IxonClient auto = new IxonClient(IxonFixtures.password(fake),
				IxonFixtures.FAST.withWebAccessMethod(WebAccessMethod.AUTO));
		IxonClient always = new IxonClient(IxonFixtures.password(fake),
				IxonFixtures.FAST.withWebAccessMethod(WebAccessMethod.ALWAYS));

		assertThat(auto.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http").uri()).isNotNull();
		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> always.webAccess(FakeIxon.COMPANY, FakeIxon.SERVICE, "http"));

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.REJECTED);
		assertThat(ex.getMessage()).contains("IXON web access request for service " + FakeIxon.SERVICE, "HTTP 400",
				"\"Unknown field\" (about method)");
	}

	@Test
	void unknownServiceIsNotFoundNamingTheService() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		IxonException ex = catchThrowableOfType(IxonException.class,
				() -> client.webAccess(FakeIxon.COMPANY, "srvNoSuchOne", "http"));

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.NOT_FOUND);
		assertThat(ex.status()).isEqualTo(404);
		assertThat(ex.propertyName()).isEqualTo("server.publicId");
		assertThat(ex.getMessage()).contains("service srvNoSuchOne", "webaccess_service_id");
	}

	@Test
	void companyThatIxonRefusesIsACompanyErrorNamingIt() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));

		IxonException ex = catchThrowableOfType(IxonException.class, () -> client.agents("0000-not-mine"));

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.COMPANY);
		assertThat(ex.getMessage()).contains("company 0000-not-mine", "Api-Company", "check the company id");
	}

	@Test
	void wrongApplicationIdIsReportedAsSuchWithoutTheId() {
		IxonApiConfig wrong = new IxonApiConfig("not-our-application-id", FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "",
				fake.baseUrl());

		IxonException ex = catchThrowableOfType(IxonException.class, () -> IxonFixtures.client(wrong).companies());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.APPLICATION);
		assertThat(ex.getMessage()).contains("discovery", "Api-Application", "IXON_api.api_key")
			.doesNotContain("not-our-application-id");
	}

	@Test
	void wrongBaseUrlFailsAtDiscoveryNamingIt() {
		IxonApiConfig config = IxonFixtures.password(fake);
		IxonApiConfig elsewhere = new IxonApiConfig(config.apiKey(), config.email(), config.password(), "", "",
				fake.baseUrl().resolve("/other/"));

		IxonException ex = catchThrowableOfType(IxonException.class, () -> IxonFixtures.client(elsewhere).companies());

		assertThat(ex.kind()).isEqualTo(IxonException.Kind.NOT_FOUND);
		assertThat(ex.getMessage()).contains("IXON API discovery", "HTTP 404");
	}

	@Test
	void statusRemembersTheLastSuccessAndFailureWithoutCallingIxon() {
		IxonClient client = IxonFixtures.client(IxonFixtures.password(fake));
		assertThat(client.status().lastSuccess()).isNull();

		client.companies();
		catchThrowableOfType(IxonException.class, () -> client.agents("0000-not-mine"));
		long calls = client.calls();
		IxonStatus status = client.status();

		assertThat(status.lastSuccess()).isNotNull();
		assertThat(status.failing()).isTrue();
		assertThat(status.lastError()).contains("0000-not-mine");
		assertThat(status.logins()).isEqualTo(1);
		assertThat(client.calls()).isEqualTo(calls);
	}

}
