package dev.rampart;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	/** The simulator shares the dev.rampart namespace but is a library, not a module of the server. */
	private static final ImportOption SERVER_CLASSES_ONLY = location -> !location.contains("rampart-llm-sim");

	private final ApplicationModules modules = ApplicationModules.of(RampartApplication.class, SERVER_CLASSES_ONLY);

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
