package dev.rampart.memory.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportanceTest {

	@Test
	void aCueNumbersNamesAndASubstantialLengthRaiseTheEstimate() {
		float plain = Importance.estimate("the meeting went fine and everyone left early today");
		float cue = Importance.estimate("remember: the meeting went fine and everyone left early today");
		float all = Importance.estimate("Always book the 9:30 train for Dana when she travels to the Berlin office");

		assertThat(plain).isEqualTo(0.4f);
		assertThat(cue).isGreaterThan(plain);
		assertThat(all).isEqualTo(0.9f);
		assertThat(Importance.estimate("ok")).as("too short to say much").isEqualTo(0.2f);
	}

	@Test
	void theEstimateStaysWithinZeroAndOne() {
		assertThat(Importance.estimate("x")).isBetween(0f, 1f);
		assertThat(Importance.estimate("Remember that I always prefer 2 Names like Anna ".repeat(3))).isBetween(0f, 1f);
	}
}
