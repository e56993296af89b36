package dev.rampart.tools.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.tools.SafeHttp.Request;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 request and response over an already connected socket ({@code Connection: close}, no pooling). It is
 * written by hand because the JDK's client resolves the host itself: to connect to the address that was checked, the
 * socket is opened here and only the protocol is spoken over it. Sizes are capped while reading, not after.
 */
final class Http11Exchange {

	/** A response as read. */
	record Raw(int status, Map<String, List<String>> headers, byte[] body) {

		@Nullable
		String first(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.getFirst();
		}
	}

	private static final int MAX_LINE = 8 * 1024;

	private static final int MAX_HEADER_BYTES = 64 * 1024;

	private Http11Exchange() {
	}

	static Raw exchange(Socket socket, Deadline deadline, String hostHeader, URI uri, Request request, long maxBodyBytes)
			throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(head(hostHeader, uri, request));
		if (request.body() != null) {
			out.write(request.body());
		}
		out.flush();
		InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline));
		int status;
		Map<String, List<String>> headers;
		do {
			status = statusOf(line(in));
			headers = headers(in);
		}
		while (status >= 100 && status < 200 && status != 101);
		if (status == 101) {
			throw new IOException("the server switched protocols");
		}
		boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304;
		byte[] body = noBody ? new byte[0] : body(in, headers, maxBodyBytes);
		return new Raw(status, headers, body);
	}

	private static byte[] head(String hostHeader, URI uri, Request request) {
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		if (uri.getRawQuery() != null) {
			path += "?" + uri.getRawQuery();
		}
		StringBuilder head = new StringBuilder();
		head.append(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(hostHeader).append("\r\n");
		head.append("Connection: close\r\n");
		boolean agent = false;
		boolean encoding = false;
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
			agent |= header.getKey().equalsIgnoreCase("User-Agent");
			encoding |= header.getKey().equalsIgnoreCase("Accept-Encoding");
		}
		if (!agent) {
			head.append("User-Agent: Rampart-Tools/1\r\n");
		}
		if (!encoding) {
			head.append("Accept-Encoding: identity\r\n");
		}
		if (request.body() != null) {
			head.append("Content-Length: ").append(request.body().length).append("\r\n");
		}
		head.append("\r\n");
		return head.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static int statusOf(String line) throws IOException {
		String[] parts = line.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
			throw new IOException("not an HTTP/1.x status line");
		}
		return Integer.parseInt(parts[1]);
	}

	private static Map<String, List<String>> headers(InputStream in) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		int total = 0;
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			total += line.length();
			int colon = line.indexOf(':');
			if (total > MAX_HEADER_BYTES || colon <= 0) {
				throw new IOException(colon <= 0 ? "a malformed header line" : "response headers too large");
			}
			headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	private static byte[] body(InputStream in, Map<String, List<String>> headers, long max) throws IOException {
		Capped body = new Capped(max);
		List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
		List<String> length = headers.getOrDefault("content-length", List.of());
		if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
			for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
				body.copy(in, size);
				if (!line(in).isEmpty()) {
					throw new IOException("a malformed chunk");
				}
			}
			headers(in);
		}
		else if (!length.isEmpty()) {
			long declared;
			try {
				declared = Long.parseLong(length.getFirst());
			}
			catch (NumberFormatException ex) {
				throw new IOException("a malformed Content-Length");
			}
			if (declared < 0 || length.stream().distinct().count() > 1) {
				throw new IOException("a malformed Content-Length");
			}
			body.copy(in, declared);
		}
		else {
			body.copyToEnd(in);
		}
		return body.toByteArray();
	}

	private static long chunkSize(String line) throws IOException {
		String size = line.split(";", 2)[0].trim();
		if (!size.matches("[0-9a-fA-F]{1,15}")) {
			throw new IOException("a malformed chunk size");
		}
		return Long.parseLong(size, 16);
	}

	/** A CRLF- (or LF-) terminated line in ISO-8859-1, at most {@link #MAX_LINE} bytes. */
	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new EOFException("the connection closed early");
			}
			if (line.length() >= MAX_LINE) {
				throw new IOException("a response line too long");
			}
			line.append((char) b);
		}
		int end = line.length();
		return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
	}

	/** A body buffer that fails as soon as it would hold more than the limit. */
	private static final class Capped extends ByteArrayOutputStream {

		private final long max;

		Capped(long max) {
			this.max = max;
		}

		void copy(InputStream in, long count) throws IOException {
			ensure(count);
			byte[] buffer = new byte[8192];
			for (long left = count; left > 0;) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read == -1) {
					throw new EOFException("the connection closed before the end of the body");
				}
				write(buffer, 0, read);
				left -= read;
			}
		}

		void copyToEnd(InputStream in) throws IOException {
			byte[] buffer = new byte[8192];
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				ensure(read);
				write(buffer, 0, read);
			}
		}

		private void ensure(long more) {
			if (size() + more > max) {
				throw new RampartException(ErrorCode.EGRESS_LIMIT_EXCEEDED,
						"the response body is larger than the limit of " + max + " bytes");
			}
		}
	}
}
