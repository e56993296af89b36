package dev.rampart.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.shared.VersionConflicts;
import dev.rampart.shared.VersionOverwritten;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the client that its change overwrote someone else's (docs/notifications.md, "Conflicts"): when
 * {@link VersionConflicts} recorded an overwrite for the request, the response carries
 * {@code Warning: 299 rampart "overwrote version N changed by <user> at <time>"} and, when its body is a JSON object,
 * a {@code conflict} field. Not on an error: a change that failed after the check overwrote nothing. Runs before the
 * response masking, so the added field is masked like the rest.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConflictWarnings implements ResponseBodyAdvice<Object> {

	private final JsonMapper json;

	ConflictWarnings(JsonMapper json) {
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (!(request instanceof ServletServerHttpRequest servlet)
				|| !(servlet.getServletRequest().getAttribute(VersionConflicts.OVERWRITE) instanceof VersionOverwritten overwrite)) {
			return body;
		}
		servlet.getServletRequest().removeAttribute(VersionConflicts.OVERWRITE);
		if (response instanceof ServletServerHttpResponse answer && answer.getServletResponse().getStatus() >= 300
				|| MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)) {
			// the change failed after the check (a rolled-back transaction): nothing was overwritten
			return body;
		}
		response.getHeaders().add("Warning", "299 rampart \"" + overwrite.message().replace("\"", "'") + "\"");
		if (body == null || body instanceof CharSequence || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			return body;
		}
		JsonNode tree = json.valueToTree(body);
		if (!(tree instanceof ObjectNode object)) {
			return body;
		}
		Map<String, Object> conflict = new LinkedHashMap<>();
		conflict.put("message", overwrite.message());
		conflict.put("overwrittenVersion", overwrite.overwrittenVersion());
		conflict.put("overwrittenBy", overwrite.overwrittenBy());
		conflict.put("overwrittenAt", overwrite.overwrittenAt().toString());
		conflict.put("readVersion", overwrite.readVersion());
		object.set("conflict", json.valueToTree(conflict));
		return object;
	}
}
