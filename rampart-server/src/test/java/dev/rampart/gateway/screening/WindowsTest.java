package dev.rampart.gateway.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WindowsTest {

	@Test
	void sentencesArePairedWithOverlap() {
		assertThat(Windows.of("One. Two! Three?\nFour", 16)).containsExactly("One. Two!", "Two! Three?", "Three? Four");
	}

	@Test
	void aShortTextIsOneWindow() {
		assertThat(Windows.of("just one sentence", 16)).containsExactly("just one sentence");
	}

	@Test
	void aLongTextKeepsAtMostTheAllowedWindowsSpreadFromFirstToLast() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			text.append("Sentence ").append(i).append(". ");
		}

		List<String> windows = Windows.of(text.toString(), 5);

		assertThat(windows).hasSize(5);
		assertThat(windows.getFirst()).isEqualTo("Sentence 0. Sentence 1.");
		assertThat(windows.getLast()).isEqualTo("Sentence 98. Sentence 99.");
	}

	@Test
	void aSentenceLongerThanAWindowIsCutIntoOverlappingPieces() {
		List<String> windows = Windows.of("x".repeat(1000), 16);

		assertThat(windows).allSatisfy(window -> assertThat(window.length()).isLessThanOrEqualTo(Windows.MAX_CHARS * 2));
		assertThat(String.join("", windows).length()).isGreaterThan(1000);
	}
}
