package dev.rampart.gateway.screening;

/**
 * Cyrillic, Greek and a few Latin-extension letters that look like basic Latin letters in common
 * fonts, with the Latin letter each imitates: a curated subset of Unicode's confusables.txt (UTS #39),
 * limited to letters an attacker can drop into an English word. Fullwidth and mathematical letters are
 * not listed: NFKC already turns them into plain ones.
 */
final class Confusables {

	private static final String FROM = ""
			// Cyrillic lower case
			+ "аеорсухіјѕԁһӏԛԝкмнтвъьЬ"
			// Cyrillic upper case
			+ "АВЕКМНОРСТХУІЈЅԚԜ"
			// Greek lower case, then upper case
			+ "αοριτυνκεχ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
			// Latin extensions and IPA
			+ "ıɡɑℓ";
	private static final String TO = ""
			+ "aeopcyxijsdhlqwkmhtbbbb"
			+ "ABEKMHOPCTXYIJSQW"
			+ "aopituvkex" + "ABEZHIKMNOPTYX"
			+ "igal";

	private static final char[] MAP = new char[0x2200];

	static {
		if (FROM.length() != TO.length()) {
			throw new ExceptionInInitializerError("confusables table is out of step: " + FROM.length() + " vs " + TO.length());
		}
		for (int i = 0; i < FROM.length(); i++) {
			MAP[FROM.charAt(i)] = TO.charAt(i);
		}
	}

	private Confusables() {
	}

	/** The Latin letter {@code c} imitates, or 0 when it is not a known look-alike. */
	static char latinFor(char c) {
		return c < MAP.length ? MAP[c] : 0;
	}
}
