package dev.rampart.gateway;

/** What a masked span was recognised as; secrets are credentials, the rest is personal data. */
public enum MaskingCategory {

	/** OpenAI/Anthropic {@code sk-} keys, AWS key ids and secret keys, Rampart {@code rpk_} keys and {@code rt_} refresh tokens. */
	API_KEY("api-key", true),
	/** A JSON Web Token: {@code eyJ…}{@code .eyJ…}{@code .signature}. */
	JWT("jwt", true),
	/** A PEM {@code -----BEGIN … PRIVATE KEY-----} block. */
	PRIVATE_KEY("private-key", true),
	EMAIL("email", false),
	/** E.164 ({@code +…}) and a few separated national formats; bare digit strings are left alone. */
	PHONE("phone", false),
	/** 13 to 19 digits with a card network's prefix and length, optionally grouped by spaces or dashes, that pass the Luhn check. */
	CARD("card", false),
	/** An IBAN of its country's length whose mod-97 check holds. */
	IBAN("iban", false),
	/** A US social security number {@code ddd-dd-dddd} outside the never-issued ranges. */
	NATIONAL_ID("national-id", false);

	private final String label;
	private final boolean secret;

	MaskingCategory(String label, boolean secret) {
		this.label = label;
		this.secret = secret;
	}

	/** The name used in replacements, {@code [redacted:<label>]}. */
	public String label() {
		return label;
	}

	public boolean secret() {
		return secret;
	}
}
