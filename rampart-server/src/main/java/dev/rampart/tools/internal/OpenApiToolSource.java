package dev.rampart.tools.internal;

import java.util.List;

import dev.rampart.shared.TenantId;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The tools of a tenant's OpenAPI tool sets ({@code openapi:<set>}), for {@link dev.rampart.tools.Tools}. */
@Component
@Order(100)
class OpenApiToolSource implements ToolSource {

	private static final Logger log = LoggerFactory.getLogger(OpenApiToolSource.class);

	private final JdbcOpenApiToolSets toolSets;

	OpenApiToolSource(JdbcOpenApiToolSets toolSets) {
		this.toolSets = toolSets;
	}

	@Override
	public List<Tool> tools(TenantId tenant) {
		try {
			return toolSets.tools(tenant);
		}
		catch (RuntimeException ex) {
			log.warn("tenant {}: OpenAPI tool sets could not be read; offering none this time", tenant, ex);
			return List.of();
		}
	}
}
