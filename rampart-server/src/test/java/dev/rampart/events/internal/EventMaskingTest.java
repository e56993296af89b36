package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.events.Notification;
import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayPolicy;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.Masked;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.MaskingReport;
import dev.rampart.gateway.StreamMasker;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events and notifications leave as SSE or WebSocket messages masked like JSON answers: every string value at any depth
 * through the tenant's policy, keys and non-string values as they were, nothing masked when the node turns response
 * masking off.
 */
class EventMaskingTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TenantId TENANT = TenantId.of(UUID.randomUUID().toString());

	/** Masks the word {@code secret} (as an e-mail would be), so the test shows where masking reached. */
	private static final Masker MASKER = new Masker() {

		@Override
		public Masked maskWithReport(String text, MaskingPolicy policy) {
			int found = text.split("secret", -1).length - 1;
			return new Masked(text.replace("secret", "[redacted]"),
					new MaskingReport(found == 0 ? Map.of() : Map.of(MaskingCategory.EMAIL, found)));
		}

		@Override
		public StreamMasker stream(MaskingPolicy policy) {
			throw new UnsupportedOperationException("not used for events");
		}
	};

	/** Every tenant on the default policy; a proxy, since only {@code of} is called. */
	private static final GatewayPolicies POLICIES = (GatewayPolicies) Proxy.newProxyInstance(
			EventMaskingTest.class.getClassLoader(), new Class<?>[] { GatewayPolicies.class }, (proxy, method, args) -> {
				if (method.getName().equals("of")) {
					return GatewayPolicy.defaults();
				}
				throw new UnsupportedOperationException(method.getName());
			});

	@Test
	void everyStringAtAnyDepthIsMaskedWhileKeysAndOtherValuesStay() {
		EventMasking masking = masking(true);
		JsonNode data = JSON.readTree("""
				{"secret": "a secret here", "n": 7, "ok": true, "none": null, "clean": "nothing to hide",
				 "nested": {"list": ["secret", 1.5, {"deep": "very secret"}], "secret": false}}""");

		JsonNode masked = masking.mask(data, masking.policy(TENANT));

		assertThat(masked).isEqualTo(JSON.readTree("""
				{"secret": "a [redacted] here", "n": 7, "ok": true, "none": null, "clean": "nothing to hide",
				 "nested": {"list": ["[redacted]", 1.5, {"deep": "very [redacted]"}], "secret": false}}"""));
		assertThat(data.at("/secret").asString()).as("the original is not changed").isEqualTo("a secret here");
	}

	@Test
	void aNotificationsTitleAndDataAreMaskedAndTheRestKept() {
		UUID recipient = UUID.randomUUID();
		Instant at = Instant.parse("2026-11-24T10:00:00Z");
		Notification notification = new Notification(42, "conflict", "warning", "the secret changed",
				JSON.readTree("{\"name\":\"secret agent\",\"version\":3}"), recipient, at);

		Notification masked = masking(true).mask(TENANT, notification);

		assertThat(masked).isEqualTo(new Notification(42, "conflict", "warning", "the [redacted] changed",
				JSON.readTree("{\"name\":\"[redacted] agent\",\"version\":3}"), recipient, at));
	}

	@Test
	void nothingIsMaskedWhenTheNodeTurnsResponseMaskingOff() {
		EventMasking masking = masking(false);
		JsonNode data = JSON.readTree("{\"list\":[\"secret\"]}");
		Notification notification = new Notification(1, "test_notice", "info", "secret", data, null, Instant.EPOCH);

		assertThat(masking.mask(data, masking.policy(TENANT))).isEqualTo(data);
		assertThat(masking.mask(TENANT, notification)).isEqualTo(notification);
	}

	private static EventMasking masking(boolean maskResponses) {
		GatewayProperties properties = new GatewayProperties(DataSize.ofMegabytes(1), 100_000, 10_000, 32,
				new GatewayProperties.Cors(List.of(), false), new GatewayProperties.Websocket(List.of()), maskResponses,
				Duration.ofSeconds(30));
		return new EventMasking(properties, POLICIES, MASKER);
	}
}
