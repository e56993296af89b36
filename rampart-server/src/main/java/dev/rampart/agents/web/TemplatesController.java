package dev.rampart.agents.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.rampart.agents.internal.Template;
import dev.rampart.agents.internal.TemplateCatalog;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.schema.ValidatedAgainst;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/templates}: the built-in catalog ({@code builtin:*}, read-only) and the tenant's own templates
 * (docs/agents.md, "Templates"). An agent is made from one with {@code POST /api/v1/agents {"templateId", "values"}}.
 */
@RestController
@RequestMapping("/api/v1/templates")
class TemplatesController {

	private final TemplateCatalog templates;
	private final CurrentTenant tenant;

	TemplatesController(TemplateCatalog templates, CurrentTenant tenant) {
		this.templates = templates;
		this.tenant = tenant;
	}

	@GetMapping
	@Requires("template:read")
	List<TemplateView> list() {
		return templates.list(tenant.get()).stream().map(TemplateView::of).toList();
	}

	@GetMapping("/{id}")
	@Requires("template:read")
	TemplateView get(@PathVariable String id) {
		return TemplateView.of(templates.find(tenant.get(), id).orElseThrow(
				() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No template with this id in this tenant.")));
	}

	@PostMapping
	@Requires("template:write")
	ResponseEntity<TemplateView> create(@RequestBody @ValidatedAgainst("template-definition") JsonNode definition) {
		Template created = templates.create(tenant.get(), definition);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(TemplateView.of(created));
	}

	@PutMapping("/{id}")
	@Requires("template:write")
	TemplateView replace(@PathVariable String id, @RequestBody JsonNode definition) {
		return TemplateView.of(templates.replace(tenant.get(), id, definition));
	}

	@DeleteMapping("/{id}")
	@Requires("template:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		templates.delete(tenant.get(), id);
		return ResponseEntity.noContent().build();
	}

	/** A template with its name, description and category lifted out of the definition for lists. */
	record TemplateView(String id, boolean builtIn, String name, @Nullable String description, @Nullable String category,
			int version, @Nullable Instant createdAt, @Nullable String createdBy, @Nullable Instant updatedAt,
			@Nullable String updatedBy, JsonNode definition) {

		static TemplateView of(Template template) {
			JsonNode definition = template.definition();
			return new TemplateView(template.id(), template.builtIn(), definition.path("name").asString(""),
					definition.has("description") ? definition.get("description").asString() : null,
					definition.has("category") ? definition.get("category").asString() : null, template.version(),
					template.createdAt(), template.createdBy(), template.updatedAt(), template.updatedBy(), definition);
		}
	}
}
