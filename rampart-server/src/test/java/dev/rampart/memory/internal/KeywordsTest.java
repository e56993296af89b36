package dev.rampart.memory.internal;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordsTest {

	@Test
	void overlapIsTheShareOfDistinctQueryWordsInTheText() {
		Set<String> terms = Keywords.terms("Invoice for ACME, invoice 42!", Keywords.MAX_TERMS);

		assertThat(terms).containsExactly("invoice", "for", "acme", "42");
		assertThat(Keywords.overlap(terms, "The ACME invoice is late")).isEqualTo(0.5f);
		assertThat(Keywords.overlap(Set.of(), "anything")).isZero();
	}
}
