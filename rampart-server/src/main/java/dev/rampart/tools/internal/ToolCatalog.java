package dev.rampart.tools.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rampart.shared.TenantId;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolSource;
import dev.rampart.tools.Tools;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@link Tools}: the built-ins, then every {@link ToolSource} bean in order, first name wins. */
@Component
class ToolCatalog implements Tools {

	private final BuiltInTools builtIns;
	private final ObjectProvider<ToolSource> sources;

	ToolCatalog(BuiltInTools builtIns, ObjectProvider<ToolSource> sources) {
		this.builtIns = builtIns;
		this.sources = sources;
	}

	@Override
	public List<Tool> available(TenantId tenant) {
		Map<String, Tool> byName = new LinkedHashMap<>();
		builtIns.all().forEach(tool -> byName.putIfAbsent(tool.name(), tool));
		sources.orderedStream().forEach(source -> source.tools(tenant).forEach(tool -> byName.putIfAbsent(tool.name(), tool)));
		return new ArrayList<>(byName.values());
	}
}
