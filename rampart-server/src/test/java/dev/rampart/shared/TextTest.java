package dev.rampart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

	@Test
	void aRequiredLabelOfOnlyInvisibleCharactersIsRefusedForItsField() {
		assertThat(Text.requiredLabel("name", " \u200Bci\u200D ")).isEqualTo("ci");
		assertThatThrownBy(() -> Text.requiredLabel("name", "\u200B\u202E\uFEFF"))
			.isInstanceOfSatisfying(InvalidFieldsException.class,
					e -> assertThat(e.errors()).extracting(error -> error.field()).containsExactly("name"));
	}

	@Test
	void fullwidthLookAlikesBecomePlainLetters() {
		assertThat(Text.cleanLabel("\uFF41\uFF44\uFF4D\uFF49\uFF4E")).isEqualTo("admin");
		assertThat(Text.normalizeForScreening("\uFF29\uFF47\uFF4E\uFF4F\uFF52\uFF45 previous")).isEqualTo("Ignore previous");
	}

	@Test
	void rightToLeftOverrideIsRemoved() {
		// "invoice\u202Efdp.exe" displays as "invoiceexe.pdf"
		assertThat(Text.cleanLabel("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
		assertThat(Text.cleanLabel("\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069")).isEqualTo("abcdefg");
	}

	@Test
	void zeroWidthCharactersInsideANameDisappearWithoutATrace() {
		assertThat(Text.cleanLabel("Ad\u200Dmin")).isEqualTo("Admin");
		assertThat(Text.cleanLabel("\uFEFFo\u200Bp\u200Ce\u200Er\u200Fa\u2060t\u2061o\u2062r\u2063s\u2064")).isEqualTo("operators");
	}

	@Test
	void controlCharactersAndLineBreaksBecomeSingleSpacesAndTheEndsAreTrimmed() {
		assertThat(Text.cleanLabel("  prod\tkey\r\n\u0000 two\u2028lines\u00A0 ")).isEqualTo("prod key two lines");
	}

	@Test
	void aLabelOfOnlyInvisibleCharactersBecomesEmpty() {
		assertThat(Text.cleanLabel("\u200B\u200D\uFEFF \u202E")).isEmpty();
		assertThat(Text.cleanLabelOrNull(null)).isNull();
	}

	@Test
	void ordinaryTextInOtherScriptsIsKept() {
		assertThat(Text.cleanLabel("Équipe données — 東京 🚀")).isEqualTo("Équipe données — 東京 🚀");
	}

	@Test
	void eventHandlersAndScriptsAreRemovedFromHtml() {
		String html = Text.safeHtml("<p>Hi <img src=x onerror=\"alert(1)\"><script>alert(2)</script>"
				+ "<b onclick=\"steal()\">bold</b><style>body{}</style></p>");

		assertThat(html).isEqualTo("<p>Hi <b>bold</b></p>");
	}

	@Test
	void linksKeepHttpTargetsAndGetNofollow() {
		assertThat(Text.safeHtml("<a href=\"https://example.org/x\">x</a>"))
			.isEqualTo("<a href=\"https://example.org/x\" rel=\"nofollow\">x</a>");
		assertThat(Text.safeHtml("<a href=\"javascript:alert(1)\">x</a>")).doesNotContain("javascript").contains("x");
	}

	@Test
	void framesFormsAndSvgAreDropped() {
		String html = Text.safeHtml("<iframe src=\"https://evil\"></iframe><form action=\"/x\"><input name=a></form>"
				+ "<svg onload=alert(1)></svg>text");

		assertThat(html).isEqualTo("text");
	}
}
