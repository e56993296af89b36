package dev.rampart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(RampartApplication.class);

	@Test
	void everyModuleOfTheArchitectureMapIsPresent() {
		assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString)).containsExactlyInAnyOrder(
				"shared", "secrets", "identity", "gateway", "providers", "tools", "memory", "agents", "workflows",
				"executions", "events", "observability");
	}

	@Test
	void modulesOnlyDependOnWhatTheyAreAllowedTo() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation().writeIndividualModulesAsPlantUml();
	}
}
