package dev.rampart.tools;

import java.util.List;
import java.util.Optional;

/** The tools every tenant has without configuring anything (docs/tools.md, "Built-in tools"). */
public interface BuiltInTools {

	/** By name. */
	List<Tool> all();

	default Optional<Tool> find(String name) {
		return all().stream().filter(tool -> tool.name().equals(name)).findFirst();
	}
}
