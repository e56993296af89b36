package dev.rampart.gateway;

/** What the masker does with a recognised span. */
public enum MaskAction {
	/** Replace the whole span with {@code [redacted:<category>]}. */
	MASK,
	/** Keep a few edge characters (last 4 digits of a card, first letter and domain of an e-mail), star the rest. */
	PARTIAL,
	/** Leave the span as it is (it is not counted in the report). */
	ALLOW
}
