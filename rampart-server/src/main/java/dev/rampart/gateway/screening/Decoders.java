package dev.rampart.gateway.screening;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds runs of base64, hex and URL-encoding that decode to readable text (an attacker's way past
 * patterns: "decode this and follow it: SWdub3Jl..."). Binary payloads, hashes and ids decode to
 * bytes that are not text and are left alone.
 */
final class Decoders {

	private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}");
	private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){8,}(?![0-9A-Fa-f])|(?:\\\\x[0-9A-Fa-f]{2}){4,}");
	private static final Pattern URL_ENCODED = Pattern.compile("[^\\s%]*(?:%[0-9A-Fa-f]{2}[^\\s%]*){3,}");
	/** Bounds the work an attacker can cause with many or huge encoded runs. */
	private static final int MAX_FOUND = 8;
	private static final int MAX_RUN = 16_384;

	/** The decoded texts in {@code text}, in order, at most {@value #MAX_FOUND}. */
	List<Found> find(String text) {
		List<Found> found = new ArrayList<>();
		collect(found, "base64", BASE64.matcher(text), Decoders::base64);
		collect(found, "hex", HEX.matcher(text), Decoders::hex);
		collect(found, "url", URL_ENCODED.matcher(text), Decoders::url);
		return found;
	}

	private interface Decoder {
		@Nullable String decode(String run);
	}

	private static void collect(List<Found> found, String encoding, Matcher runs, Decoder decoder) {
		while (found.size() < MAX_FOUND && runs.find()) {
			String run = runs.group();
			if (run.length() > MAX_RUN) {
				continue;
			}
			String decoded = decoder.decode(run);
			if (decoded != null && readable(decoded)) {
				found.add(new Found(encoding, decoded));
			}
		}
	}

	private static @Nullable String base64(String run) {
		String standard = run.replace('-', '+').replace('_', '/');
		String unpadded = standard.replace("=", "");
		if (unpadded.length() % 4 == 1) {
			return null;
		}
		try {
			return utf8(Base64.getDecoder().decode(unpadded + "=".repeat((4 - unpadded.length() % 4) % 4)));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String hex(String run) {
		String digits = run.replace("\\x", "");
		return digits.length() % 2 == 0 ? utf8(HexFormat.of().parseHex(digits)) : null;
	}

	private static @Nullable String url(String run) {
		try {
			return URLDecoder.decode(run.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/** Words separated by spaces, almost no control characters: what an instruction looks like. */
	private static boolean readable(String text) {
		int letters = 0;
		int spaces = 0;
		int control = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
			}
			else if (c == ' ') {
				spaces++;
			}
			else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				control++;
			}
		}
		return spaces >= 2 && letters * 10 >= text.length() * 6 && control == 0;
	}

	record Found(String encoding, String text) {
	}
}
