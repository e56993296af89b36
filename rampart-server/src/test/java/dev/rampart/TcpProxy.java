package dev.rampart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy for fault injection (no Toxiproxy on these machines): forwards every connection to
 * {@code 127.0.0.1:target} until {@link #close()}, which refuses new connections and cuts the open ones, the way a
 * dependency that went away looks to its clients.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;
	private final int target;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private TcpProxy(ServerSocket server, int target) {
		this.server = server;
		this.target = target;
		Thread.ofVirtual().name("tcp-proxy-" + server.getLocalPort()).start(this::accept);
	}

	public static TcpProxy to(int targetPort) {
		try {
			ServerSocket server = new ServerSocket();
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return new TcpProxy(server, targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
				open.add(client);
				open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection end
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofVirtual().start(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	@Override
	public void close() {
		closeQuietly(server);
		open.forEach(TcpProxy::closeQuietly);
		open.clear();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}
}
