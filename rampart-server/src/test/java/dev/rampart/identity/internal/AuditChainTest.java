package dev.rampart.identity.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash of an audit row: stable across jsonb's rewriting of details, sensitive to every field. */
class AuditChainTest {

	private static final UUID ID = UUID.fromString("0190a000-0000-7000-8000-000000000001");
	private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");

	@Test
	void givenDetailsRewrittenAsJsonbWouldWriteThem_whenHashed_thenTheHashIsTheSame() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("zeta", List.of(1, 2.5, "x"));
		details.put("alpha", Map.of("b", true, "a", 1.0e20));
		details.put("mid", "é \"quoted\" \n");
		details.put("none", null);
		JsonNode recorded = AuditDetails.of(details);
		// What PostgreSQL returns for the same jsonb: keys by length then bytes, its own spacing and number forms.
		JsonNode readBack = AuditDetails.parse("""
				{"mid": "é \\"quoted\\" \\n", "none": null, "zeta": [1, 2.5, "x"], "alpha": {"a": 100000000000000000000, "b": true}}""");

		assertThat(AuditChain.hash(row("actor", recorded))).isEqualTo(AuditChain.hash(row("actor", readBack)));
	}

	@Test
	void givenAnyFieldChanged_whenHashed_thenTheHashDiffers() {
		JsonNode details = AuditDetails.of(Map.of("a", 1));
		byte[] original = AuditChain.hash(row("actor", details));

		assertThat(AuditChain.hash(row("actor2", details))).isNotEqualTo(original);
		assertThat(AuditChain.hash(row("actor", AuditDetails.of(Map.of("a", 2))))).isNotEqualTo(original);
		assertThat(AuditChain.hash(new AuditRow(ID, TenantId.DEFAULT, 1, AT.plusNanos(1000), "actor", null, "x.y", null, null,
				"succeeded", details, AuditChain.GENESIS, new byte[0]))).isNotEqualTo(original);
		assertThat(AuditChain.hash(new AuditRow(ID, TenantId.PLATFORM, 1, AT, "actor", null, "x.y", null, null,
				"succeeded", details, AuditChain.GENESIS, new byte[0]))).isNotEqualTo(original);
		assertThat(AuditChain.hash(new AuditRow(ID, TenantId.DEFAULT, 1, AT, "actor", null, "x.y", null, null, "succeeded",
				details, new byte[32], new byte[0]))).isEqualTo(original);
		byte[] otherPrevious = new byte[32];
		otherPrevious[31] = 1;
		assertThat(AuditChain.hash(new AuditRow(ID, TenantId.DEFAULT, 1, AT, "actor", null, "x.y", null, null, "succeeded",
				details, otherPrevious, new byte[0]))).isNotEqualTo(original);
	}

	@Test
	void givenTheSameTextSplitDifferentlyAcrossFields_whenHashed_thenTheHashesDiffer() {
		JsonNode details = AuditDetails.of(Map.of());
		AuditRow ab = new AuditRow(ID, TenantId.DEFAULT, 1, AT, "a", null, "x.y", "ab", "c", "ok", details, AuditChain.GENESIS, new byte[0]);
		AuditRow bc = new AuditRow(ID, TenantId.DEFAULT, 1, AT, "a", null, "x.y", "a", "bc", "ok", details, AuditChain.GENESIS, new byte[0]);
		AuditRow nullIp = new AuditRow(ID, TenantId.DEFAULT, 1, AT, "a", null, "x.y", null, null, "ok", details, AuditChain.GENESIS, new byte[0]);
		AuditRow emptyIp = new AuditRow(ID, TenantId.DEFAULT, 1, AT, "a", "", "x.y", null, null, "ok", details, AuditChain.GENESIS, new byte[0]);

		assertThat(AuditChain.hash(ab)).isNotEqualTo(AuditChain.hash(bc));
		assertThat(AuditChain.hash(nullIp)).isNotEqualTo(AuditChain.hash(emptyIp));
		assertThat(AuditChain.hash(row("a", AuditDetails.parse("{\"k\":\"1\"}"))))
			.isNotEqualTo(AuditChain.hash(row("a", AuditDetails.parse("{\"k\":1}"))));
	}

	private static AuditRow row(String actor, JsonNode details) {
		return new AuditRow(ID, TenantId.DEFAULT, 1, AT, actor, null, "x.y", null, null, "succeeded", details,
				AuditChain.GENESIS, new byte[0]);
	}
}
