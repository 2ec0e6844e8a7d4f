package io.videostore.cli.wizard;

import java.util.List;
import java.util.function.Predicate;

import io.videostore.ixon.Agent;
import io.videostore.ixon.Company;
import io.videostore.ixon.HttpService;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonException;

/**
 * Companies, then devices (with online state), then their HTTP services, as numbered
 * choices; empty lists send the user back a step instead of ending the wizard.
 */
final class WizardDevicePicker {

	/** What was picked. */
	record Choice(Company company, Agent agent, HttpService service) {
	}

	private final WizardConsole console;

	private final WizardMenu menu;

	WizardDevicePicker(WizardConsole console, WizardMenu menu) {
		this.console = console;
		this.menu = menu;
	}

	Choice pick(IxonClient client, String currentCompany, String currentService) {
		List<Company> companies = client.companies();
		if (companies.isEmpty()) {
			throw new IxonException(IxonException.Kind.NOT_FOUND,
					"the IXON user belongs to no company (or the " + "company lacks the API Integrations module)");
		}
		while (true) {
			Company company = company(companies, currentCompany);
			List<Agent> agents = client.agents(company.publicId());
			if (agents.stream().allMatch((a) -> a.httpServices().isEmpty())) {
				console.say(agents.isEmpty() ? "Company '" + company.name() + "' has no devices."
						: "No device of company '" + company.name() + "' has an HTTP service. Add one in Fleet Manager"
								+ " (device > Services > HTTP server) and push the configuration to the device.");
				if (companies.size() == 1) {
					throw new IxonException(IxonException.Kind.NOT_FOUND, "no camera can be reached through IXON");
				}
				continue;
			}
			Agent agent = agent(agents, currentService);
			HttpService service = service(agent, currentService);
			return new Choice(company, agent, service);
		}
	}

	private Company company(List<Company> companies, String current) {
		if (companies.size() == 1) {
			console.say("Company: " + companies.get(0).name() + " (the only one)");
			return companies.get(0);
		}
		return menu.choose("IXON companies:", companies, (c) -> c.name() + "  (" + c.publicId() + ")",
				Math.max(0, indexOf(companies, (c) -> c.publicId().equals(current))));
	}

	private Agent agent(List<Agent> agents, String currentService) {
		int preferred = indexOf(agents,
				(a) -> a.services().stream().anyMatch((s) -> s.publicId().equals(currentService)));
		if (preferred < 0) {
			preferred = Math.max(0, indexOf(agents, (a) -> a.online() && !a.httpServices().isEmpty()));
		}
		while (true) {
			Agent agent = menu.choose("Devices:", agents, WizardDevicePicker::label, preferred);
			if (!agent.httpServices().isEmpty()) {
				if (!agent.online()) {
					console
						.say("Note: '" + agent.name() + "' is offline; the test recording fails until it is online.");
				}
				return agent;
			}
			console.say("'" + agent.name() + "' has no HTTP service; choose another device.");
		}
	}

	private HttpService service(Agent agent, String current) {
		List<HttpService> services = agent.httpServices();
		return menu.choose("HTTP services of '" + agent.name() + "' (the camera's web interface):", services,
				(s) -> s.name() + "  (" + s.publicId() + ")",
				Math.max(0, indexOf(services, (s) -> s.publicId().equals(current))));
	}

	private static String label(Agent a) {
		int http = a.httpServices().size();
		return a.name() + "  - " + (a.online() ? "online" : "offline") + ", "
				+ (http == 0 ? "no HTTP service" : http + " HTTP service" + (http == 1 ? "" : "s"));
	}

	private static <T> int indexOf(List<T> items, Predicate<T> test) {
		for (int i = 0; i < items.size(); i++) {
			if (test.test(items.get(i))) {
				return i;
			}
		}
		return -1;
	}

}
