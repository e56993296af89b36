package dev.rampart.tools.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A socket's input that never blocks past the call's {@link Deadline}: before each read the socket timeout is set to
 * what is left, so a server that trickles one byte at a time cannot stretch the call.
 */
final class DeadlineInputStream extends FilterInputStream {

	private final Socket socket;

	private final Deadline deadline;

	DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
		super(socket.getInputStream());
		this.socket = socket;
		this.deadline = deadline;
	}

	@Override
	public int read() throws IOException {
		socket.setSoTimeout(deadline.remainingMillis());
		return super.read();
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		socket.setSoTimeout(deadline.remainingMillis());
		return super.read(buffer, offset, length);
	}
}
