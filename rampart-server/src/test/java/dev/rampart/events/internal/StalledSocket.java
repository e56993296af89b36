package dev.rampart.events.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code /ws} client on a plain socket with a fixed 8 KB receive buffer, for the slow consumer: the JDK's WebSocket
 * client keeps reading into a receive buffer the kernel grows to tens of megabytes (tcp_rmem), so a client that merely
 * stops asking for messages never pushes back on the server. This one stops reading at the socket, so the server's
 * writes stall after a few megabytes, as with a real slow client. Speaks just enough of RFC 6455: the handshake, masked
 * text frames out, unfragmented or fragmented text frames in.
 */
final class StalledSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket = new Socket();
	private final OutputStream out;
	private final DataInputStream in;
	private final SecureRandom random = new SecureRandom();

	StalledSocket(int port) throws IOException {
		socket.setReceiveBufferSize(8192);
		socket.connect(new InetSocketAddress("localhost", port), 5000);
		socket.setSoTimeout(30_000);
		out = socket.getOutputStream();
		in = new DataInputStream(socket.getInputStream());
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		String status = line();
		if (!status.contains(" 101 ")) {
			throw new IOException("no upgrade: " + status);
		}
		while (!line().isEmpty()) {
			// headers
		}
	}

	void send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		byte[] mask = new byte[4];
		random.nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		out.write(frame.toByteArray());
		out.flush();
	}

	/** The next text message. */
	JsonNode next() throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		for (;;) {
			int first = in.readUnsignedByte();
			int second = in.readUnsignedByte();
			long length = second & 0x7f;
			if (length == 126) {
				length = in.readUnsignedShort();
			}
			else if (length == 127) {
				length = in.readLong();
			}
			byte[] payload = new byte[(int) length];
			in.readFully(payload);
			int opcode = first & 0x0f;
			if (opcode == 8) {
				throw new IOException("closed by the server");
			}
			if (opcode == 0 || opcode == 1) {
				message.write(payload);
				if ((first & 0x80) != 0) {
					return JSON.readTree(message.toString(StandardCharsets.UTF_8));
				}
			}
		}
	}

	/** The next message of {@code type}, skipping pings. */
	JsonNode next(String type) throws IOException {
		for (;;) {
			JsonNode message = next();
			String got = message.path("type").asString("");
			if (!got.equals("ping")) {
				if (!got.equals(type)) {
					throw new IOException("expected " + type + ", got " + message);
				}
				return message;
			}
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("connection closed during the handshake");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}
}
