package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

/** Of a batch's pointers to one run only the newest is sent; tokens and other runs' pointers all are, in order. */
class PostgresChannelTest {

	private static final RunKey ONE = new RunKey(TenantId.DEFAULT, UUID.randomUUID());
	private static final RunKey TWO = new RunKey(TenantId.DEFAULT, UUID.randomUUID());

	@Test
	void onlyTheNewestPointerOfEachRunIsSent() {
		String one1 = pointer(ONE, 1, false);
		String two1 = pointer(TWO, 1, false);
		String token = new RunSignal("n", ONE, 0, false, "hello").encode();
		String one2 = pointer(ONE, 2, false);
		String one3 = pointer(ONE, 3, true);

		assertThat(PostgresChannel.coalesced(List.of(one1, two1, token, one2, one3))).containsExactly(two1, token, one3);
		assertThat(RunSignal.decode(one3)).isEqualTo(new RunSignal("n", ONE, 3, true, null));
	}

	@Test
	void aBatchWithoutRepeatsIsSentAsItIs() {
		List<String> lines = List.of(pointer(ONE, 1, false), pointer(TWO, 5, false));
		assertThat(PostgresChannel.coalesced(lines)).isSameAs(lines);
	}

	private static String pointer(RunKey run, long seq, boolean terminal) {
		return new RunSignal("n", run, seq, terminal, null).encode();
	}
}
