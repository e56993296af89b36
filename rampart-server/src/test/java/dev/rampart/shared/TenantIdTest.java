package dev.rampart.shared;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TenantIdTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Holder(TenantId tenant) {
	}

	@Test
	void inJsonATenantIdIsTheBareUuidBothWays() {
		String json = JSON.writeValueAsString(new Holder(TenantId.DEFAULT));

		assertThat(json).isEqualTo("{\"tenant\":\"00000000-0000-7000-8000-000000000001\"}");
		assertThat(JSON.readValue(json, Holder.class).tenant()).isEqualTo(TenantId.DEFAULT);
	}
}
