package dev.rampart.providers.spi;

/** What prompt-injection screening does with untrusted text that looks like an injection. */
public enum ScreeningAction {
	/** Let it through and record the finding (metric, audit). */
	FLAG,
	/** Refuse the call. */
	BLOCK,
	/** Let it through inside delimiters that tell the model it is data, not instructions. */
	WRAP
}
