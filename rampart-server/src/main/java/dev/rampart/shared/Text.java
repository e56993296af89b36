package dev.rampart.shared;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Cleaning of text that people type and other people see. {@link #cleanLabel} is for short names
 * and labels; {@link #normalizeForScreening} folds look-alike characters before text is matched
 * against patterns; {@link #safeHtml} is for rich text the console renders. None of them makes text
 * safe to put into SQL, a shell or a prompt; they only stop visual spoofing and script injection.
 * (In {@code shared} rather than {@code gateway} because identity and secrets use it, and gateway
 * already depends on identity.)
 */
public final class Text {

	/**
	 * Format characters (zero-width spaces and joiners U+200B–U+200F, bidi embeddings and overrides
	 * U+202A–U+202E and isolates, invisible operators U+2060–U+2064, the byte-order mark U+FEFF),
	 * unassigned, private-use and lone surrogate code points: removed without a trace.
	 */
	private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cn}\\p{Co}\\p{Cs}]");

	/** Control characters (tab, line breaks, NUL ...) and the Unicode line and paragraph separators: become spaces. */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	/** Paragraphs, line breaks, emphasis, lists, quotes, code and links; links get rel=nofollow. */
	private static final PolicyFactory RENDERED = new HtmlPolicyBuilder()
		.allowElements("p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre", "a")
		.allowUrlProtocols("https", "http", "mailto")
		.allowAttributes("href").onElements("a")
		.requireRelNofollowOnLinks()
		.toFactory();

	private Text() {
	}

	/**
	 * A name or label as it should be stored: NFKC-normalized (so fullwidth and other compatibility
	 * look-alikes become their plain letters), without control, zero-width and bidi-override
	 * characters, with runs of white space collapsed to one space, trimmed. May return an empty
	 * string, which the caller must reject like a blank one.
	 */
	public static String cleanLabel(String text) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
		String visible = INVISIBLE.matcher(normalized).replaceAll("");
		return SPACES.matcher(CONTROL.matcher(visible).replaceAll(" ")).replaceAll(" ").strip();
	}

	/**
	 * {@link #cleanLabel} for a required field: a value that is blank once cleaned (only invisible
	 * characters, say) is refused as {@code field} "must not be blank".
	 */
	public static String requiredLabel(String field, String text) {
		String clean = cleanLabel(text);
		if (clean.isEmpty()) {
			throw new InvalidFieldsException(field, "must not be blank");
		}
		return clean;
	}

	/** {@link #cleanLabel} for an optional value: null stays null. */
	public static @Nullable String cleanLabelOrNull(@Nullable String text) {
		return text == null ? null : cleanLabel(text);
	}

	/**
	 * NFKC normalization for matching text against patterns (prompt-injection screening, masking),
	 * so that compatibility look-alikes match like the letters they imitate. The result is for
	 * matching only; store and show the original. It does not fold cross-script homoglyphs (Cyrillic
	 * "а" stays distinct from Latin "a"): prompt screening does that on top of it, word by word
	 * (docs/prompt-screening.md).
	 */
	public static String normalizeForScreening(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC);
	}

	/**
	 * HTML the console may render as is: basic formatting and http(s)/mailto links with
	 * rel=nofollow survive; scripts, styles, event handlers, images, forms, frames and every other
	 * element or attribute are removed (text content is kept, escaped).
	 */
	public static String safeHtml(String html) {
		return RENDERED.sanitize(html);
	}
}
