package dev.rampart.gateway.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.rampart.gateway.GatewayProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RequestBodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Rejects a JSON body in which one array holds more than {@code rampart.gateway.max-array-length}
 * elements, whatever type it binds to later (list, array, set, tree). Jackson's read constraints
 * have no such limit, so this filter reads the body (already capped by the size limit) once with a
 * streaming parser that builds nothing, then hands the same bytes on. A body that is not valid JSON
 * passes through untouched: the message converter reports it with its own error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class JsonArrayLimitFilter extends OncePerRequestFilter {

	private static final JsonFactory PARSERS = new JsonFactory();

	private final int maxArrayLength;
	private final Problems problems;
	private final ProblemWriter writer;

	JsonArrayLimitFilter(GatewayProperties properties, Problems problems, ProblemWriter writer) {
		this.maxArrayLength = properties.maxArrayLength();
		this.problems = problems;
		this.writer = writer;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isJson(request.getContentType());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body;
		try {
			body = request.getInputStream().readAllBytes();
		}
		catch (RequestBodyTooLargeException tooLarge) {
			writer.write(response, problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
					"The request body exceeds the limit of " + tooLarge.limitBytes() + " bytes."));
			return;
		}
		String overlong = overlongArray(body);
		if (overlong != null) {
			writer.write(response, problems.of(ErrorCode.ARRAY_TOO_LONG, "The array at " + overlong
					+ " has more than " + maxArrayLength + " elements; the limit is " + maxArrayLength + "."));
			return;
		}
		chain.doFilter(new ReadAgain(request, body), response);
	}

	/** The JSON Pointer of the first array longer than the limit, or null when there is none (or the body is not JSON). */
	@Nullable String overlongArray(byte[] body) {
		try (JsonParser parser = PARSERS.createParser(ObjectReadContext.empty(), body)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT || token == JsonToken.PROPERTY_NAME) {
					continue;
				}
				TokenStreamContext holder = token.isStructStart() ? parser.streamReadContext().getParent()
						: parser.streamReadContext();
				if (holder != null && holder.inArray() && holder.getCurrentIndex() >= maxArrayLength) {
					String pointer = holder.pathAsPointer().toString();
					return printable(pointer.isEmpty() ? "/" : pointer);
				}
			}
			return null;
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

	private static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
		}
		catch (IllegalArgumentException invalid) {
			return false;
		}
	}

	private static String printable(String text) {
		String safe = text.replaceAll("[^\\x20-\\x7E]", "?");
		return safe.length() > 120 ? safe.substring(0, 120) + "..." : safe;
	}

	/** The request with its body replayed from memory. */
	private static final class ReadAgain extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadAgain(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}
			};
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
