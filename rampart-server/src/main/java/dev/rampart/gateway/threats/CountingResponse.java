package dev.rampart.gateway.threats;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/** Counts the body written through it: bytes through the stream, characters through the writer (close enough for a log-scaled feature). */
final class CountingResponse extends HttpServletResponseWrapper {

	private long written;
	private ServletOutputStream stream;
	private PrintWriter writer;

	CountingResponse(HttpServletResponse response) {
		super(response);
	}

	long written() {
		return written;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (stream == null) {
			ServletOutputStream out = super.getOutputStream();
			stream = new ServletOutputStream() {
				@Override
				public void write(int b) throws IOException {
					out.write(b);
					written++;
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					out.write(b, off, len);
					written += len;
				}

				@Override
				public void flush() throws IOException {
					out.flush();
				}

				@Override
				public void close() throws IOException {
					out.close();
				}

				@Override
				public boolean isReady() {
					return out.isReady();
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					out.setWriteListener(listener);
				}
			};
		}
		return stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (writer == null) {
			writer = new PrintWriter(super.getWriter()) {
				@Override
				public void write(int c) {
					super.write(c);
					written++;
				}

				@Override
				public void write(char[] buf, int off, int len) {
					super.write(buf, off, len);
					written += len;
				}

				@Override
				public void write(String s, int off, int len) {
					super.write(s, off, len);
					written += len;
				}
			};
		}
		return writer;
	}
}
