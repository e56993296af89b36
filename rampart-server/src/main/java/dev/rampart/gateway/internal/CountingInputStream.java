package dev.rampart.gateway.internal;

import java.io.IOException;

import dev.rampart.shared.RequestBodyTooLargeException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** A request body stream that fails with {@link RequestBodyTooLargeException} once more than {@code limit} bytes arrive. */
final class CountingInputStream extends ServletInputStream {

	private final ServletInputStream delegate;
	private final long limit;
	private long count;

	CountingInputStream(ServletInputStream delegate, long limit) {
		this.delegate = delegate;
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = delegate.read();
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = delegate.read(buffer, offset, length);
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	private void counted(int n) throws RequestBodyTooLargeException {
		count += n;
		if (count > limit) {
			throw new RequestBodyTooLargeException(limit);
		}
	}

	@Override
	public boolean isFinished() {
		return delegate.isFinished();
	}

	@Override
	public boolean isReady() {
		return delegate.isReady();
	}

	@Override
	public void setReadListener(ReadListener listener) {
		delegate.setReadListener(listener);
	}
}
