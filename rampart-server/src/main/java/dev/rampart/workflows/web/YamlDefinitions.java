package dev.rampart.workflows.web;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Workflow definitions sent as YAML ({@code Content-Type: application/yaml}): read into the same tree a JSON body
 * gives, so every check and the stored form are the same. Only the first document of the text counts; a text that is
 * not YAML, or not an object at the top, is a malformed request that names the line.
 */
final class YamlDefinitions {

	/** The media types read as YAML. */
	static final String[] TYPES = { "application/yaml", "application/x-yaml", "text/yaml" };

	/** The largest YAML text accepted, in characters. */
	static final int MAX_CHARS = 512 * 1024;

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private YamlDefinitions() {
	}

	static JsonNode read(String text) {
		if (text.length() > MAX_CHARS) {
			throw new RampartException(ErrorCode.MALFORMED_REQUEST, "The YAML text is longer than " + MAX_CHARS
					+ " characters.");
		}
		JsonNode tree;
		try {
			tree = YAML.readTree(text);
		}
		catch (JacksonException ex) {
			TokenStreamLocation at = ex.getLocation();
			throw new RampartException(ErrorCode.MALFORMED_REQUEST, "The body is not valid YAML"
					+ (at == null || at.getLineNr() < 1 ? "." : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
		}
		if (tree == null || !tree.isObject()) {
			throw new RampartException(ErrorCode.MALFORMED_REQUEST, "The YAML text must be a workflow definition: an object "
					+ "with name, start and steps.");
		}
		return tree;
	}
}
