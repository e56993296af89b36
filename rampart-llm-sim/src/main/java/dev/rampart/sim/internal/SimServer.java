package dev.rampart.sim.internal;

import dev.rampart.sim.SimulatorControl;
import dev.rampart.sim.SimulatorOptions;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The simulator's Jetty server: one HTTP/1.1 connector, core handlers (no servlets), and every request
 * handled on its own virtual thread, so thousands of slow streams cost no platform threads. Platform threads
 * only run the acceptor and selectors. All threads are daemons: an embedding application is never kept alive
 * by the simulator.
 */
public final class SimServer implements AutoCloseable {

    private static final int PLATFORM_THREADS = 16;
    /** Lets bursts of new connections (a thousand streams at once) queue instead of being refused. */
    private static final int ACCEPT_QUEUE = 4096;
    private static final long IDLE_TIMEOUT_MS = 60_000;

    private final Server server;
    private final ServerConnector connector;
    private final SimState state;

    private SimServer(Server server, ServerConnector connector, SimState state) {
        this.server = server;
        this.connector = connector;
        this.state = state;
    }

    /** Starts listening; throws {@link IllegalStateException} when the port cannot be bound. */
    public static SimServer start(SimulatorOptions options) {
        QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS, 2);
        threads.setName("rampart-llm-sim");
        threads.setDaemon(true);
        threads.setVirtualThreadsExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rampart-llm-sim-request-", 0).factory()));
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("rampart-llm-sim-timer", true);
        Server server = new Server(threads, scheduler, null);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Jetty reuses header values seen earlier on a connection, matched case-insensitively by default: an
        // Authorization value differing only in case from an earlier one would read as the earlier one.
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);

        SimState state = new SimState(options);
        InjectedFaults faults = new InjectedFaults(scheduler, options.stallCap());
        server.setHandler(new Router(state, faults, Clock.systemUTC()));
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException(
                    "cannot start the LLM simulator on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        return new SimServer(server, connector, state);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public SimulatorControl control() {
        return state;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the connector is closed first, so the port is released regardless.
        }
    }
}
