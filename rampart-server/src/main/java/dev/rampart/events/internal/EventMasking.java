package dev.rampart.events.internal;

import java.util.Map;

import dev.rampart.events.Notification;
import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.shared.TenantId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response masking of the API (docs/masking.md) for events that leave as SSE or WebSocket messages, which the JSON
 * answer's masking advice does not see: every string value is masked by the tenant's policy, keys and structure stay.
 * Off when {@code rampart.gateway.mask-responses} is. Tokens are not masked here: the model-call interceptor chain
 * masked them under the same policy. Notifications sent over SSE and the {@code notifications} topic of {@code /ws} pass
 * through {@link #mask(TenantId, Notification)}, as the JSON page of notifications passes through the masking advice.
 */
@Component
public final class EventMasking {

	private final boolean enabled;
	private final GatewayPolicies policies;
	private final Masker masker;

	EventMasking(GatewayProperties properties, GatewayPolicies policies, Masker masker) {
		this.enabled = properties.maskResponses();
		this.policies = policies;
		this.masker = masker;
	}

	/** The tenant's current policy, to mask one batch of events with. */
	MaskingPolicy policy(TenantId tenant) {
		return policies.of(tenant).masking();
	}

	JsonNode mask(JsonNode data, MaskingPolicy policy) {
		return enabled ? masked(data, policy) : data;
	}

	/** The notification as the tenant's policy lets it leave: its title and every string of its data masked. */
	public Notification mask(TenantId tenant, Notification notification) {
		if (!enabled) {
			return notification;
		}
		MaskingPolicy policy = policy(tenant);
		return new Notification(notification.id(), notification.type(), notification.severity(),
				masker.mask(notification.title(), policy), masked(notification.data(), policy), notification.recipient(),
				notification.createdAt());
	}

	private JsonNode masked(JsonNode node, MaskingPolicy policy) {
		if (node.isString()) {
			String text = node.asString();
			String masked = masker.mask(text, policy);
			return masked.equals(text) ? node : JsonNodeFactory.instance.stringNode(masked);
		}
		if (node instanceof ObjectNode object) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				copy.set(field.getKey(), masked(field.getValue(), policy));
			}
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
			for (JsonNode item : array) {
				copy.add(masked(item, policy));
			}
			return copy;
		}
		return node;
	}
}
