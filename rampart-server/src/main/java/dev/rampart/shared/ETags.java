package dev.rampart.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Versions of mutable resources (providers, agents, workflows, MCP servers, schedules): a resource's {@code ETag} is its
 * version, and a change sent with {@code If-Match} names the version it was made from. A stale one is overwritten with
 * a warning ({@link VersionConflicts}), or refused with {@code 412 PRECONDITION_FAILED} under
 * {@code Prefer: strict-concurrency}. One reading of the headers for every such endpoint.
 */
public final class ETags {

	private static final Pattern ETAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

	private ETags() {
	}

	/** The {@code ETag} of a version: {@code "3"}. */
	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version an {@code If-Match} names; null for none or {@code *} (any stored version).
	 *
	 * @param readAt where the client reads the current ETag, named in the error ({@code GET /api/v1/agents/{id}})
	 * @throws RampartException {@code PRECONDITION_FAILED} when the header is not one ETag
	 */
	public static @Nullable Long ifMatch(@Nullable String header, String readAt) {
		if (header == null || header.strip().equals("*")) {
			return null;
		}
		Matcher matcher = ETAG.matcher(header);
		if (!matcher.matches()) {
			throw new RampartException(ErrorCode.PRECONDITION_FAILED,
					"If-Match must be one ETag as " + readAt + " returns it, such as \"3\".");
		}
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * What a change asks for: the {@code If-Match} version and whether {@code Prefer} holds
	 * {@value IfMatch#STRICT}.
	 *
	 * @param readAt where the client reads the current ETag, named in the error ({@code GET /api/v1/agents/{id}})
	 * @throws RampartException {@code PRECONDITION_FAILED} when {@code If-Match} is not one ETag
	 */
	public static IfMatch ifMatch(@Nullable String ifMatch, @Nullable String prefer, String readAt) {
		return new IfMatch(ifMatch(ifMatch, readAt), IfMatch.prefersStrict(prefer));
	}
}
