package com.leadloader.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * A local emulator of ContactNow's {@code token.php}, {@code ecnow.php} and {@code database.php},
 * listening on 127.0.0.1, with seeded fault injection. Scripts are {@code baseUrl() + "ecnow.php"}
 * (any path ending in the script name works, so a base URL with {@code /api/} does too).
 */
public final class SandboxServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SandboxServer.class.getName());
    /** An arrival time that sends at once: answers the latency does not apply to (429, unknown script). */
    private static final long AT_ONCE = Long.MIN_VALUE;

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise, so a response
        // written in two parts (headers, then body) can wait for the client's delayed ACK, up to
        // 40 ms on Linux, on a kept-alive connection: a real API server (nginx, Apache) sets
        // TCP_NODELAY. Read once, when the JDK's server classes load; a value given on the command
        // line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SandboxConfig config;
    private final HttpServer http;
    private final ExecutorService executor;
    private final SandboxStore store;
    private final FaultCounters counters = new FaultCounters();
    private volatile Faults faults;
    private volatile FaultInjector injector;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TokenEndpoint tokenEndpoint;
    private final EcnowEndpoint ecnowEndpoint;
    private final ResponseWriter writer;

    private SandboxServer(SandboxConfig config, Clock clock) throws IOException {
        this.config = config;
        this.store = new SandboxStore(config, clock);
        this.faults = config.faults();
        this.injector = new FaultInjector(faults, counters);
        JsonMapper json = JsonMapper.builder().build();
        // The seeds show a NULL column as an empty element (<URN></URN>), not xsi:nil.
        XmlMapper xml = XmlMapper.builder().disable(tools.jackson.dataformat.xml.XmlWriteFeature.WRITE_NULLS_AS_XSI_NIL).build();
        this.writer = new ResponseWriter(json, xml);
        this.tokenEndpoint = new TokenEndpoint(store.tokens());
        this.ecnowEndpoint = new EcnowEndpoint(store, new PayloadParser(json, xml));
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sandbox-http-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 512);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts a sandbox on {@code config.port()} (0 = a free port) of 127.0.0.1. */
    public static SandboxServer start(SandboxConfig config) {
        return start(config, Clock.systemDefaultZone());
    }

    /** Starts a sandbox whose tokens and dates follow the given clock. */
    public static SandboxServer start(SandboxConfig config, Clock clock) {
        try {
            return new SandboxServer(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxStore store() {
        return store;
    }

    public FaultCounters faults() {
        return counters;
    }

    /**
     * Replaces the faults injected from the next request on (a rehearsal can start clean and
     * turn an outage on mid-load). The counters keep counting across the change.
     */
    public void setFaults(Faults newFaults) {
        this.injector = new FaultInjector(newFaults, counters);
        this.faults = newFaults;
    }

    /**
     * Expires dataset {@code datasetId} once it holds {@code records} records, the way an
     * operator expiring a dataset in the middle of a load would.
     */
    public void expireDatasetAfterRecords(int datasetId, long records) {
        store.expireDatasetAfterRecords(datasetId, records);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String script = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            ApiRequest request = ApiRequest.fromQuery(exchange.getRequestURI().getRawQuery());
            switch (script) {
                case "token.php" -> {
                    readBody(exchange, request);
                    send(exchange, 200, tokenEndpoint.handle(request), request, arrived);
                }
                case "ecnow.php", "database.php" -> capped(exchange, request, script, arrived);
                default -> {
                    drain(exchange);
                    send(exchange, 404, Reply.error("Unknown script [" + script + "]."), request, AT_ONCE);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sandbox: connection failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox: request failed", e);
        }
    }

    private void capped(HttpExchange exchange, ApiRequest request, String script, long arrived) throws IOException {
        int max = faults.maxInFlight();
        int now = inFlight.incrementAndGet();
        try {
            if (max > 0 && now > max) {
                counters.throttled.incrementAndGet();
                drain(exchange);
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfterSeconds()));
                send(exchange, 429, Reply.error("Too many requests in flight."), request, AT_ONCE);
                return;
            }
            if (script.equals("database.php")) {
                readBody(exchange, request);
                answer(exchange, request, () -> ecnowEndpoint.database(request), arrived);
                return;
            }
            String method = request.lowerParam("method");
            String action = request.lowerParam("action");
            boolean faultable = "ecnow_records".equals(method) && ("create".equals(action) || "update".equals(action));
            FaultInjector.Fault fault = faultable ? injector.draw() : FaultInjector.Fault.NONE;
            switch (fault) {
                case RESET -> {
                    // Close without reading the request or answering: with body bytes still unread
                    // the kernel answers with a TCP reset, otherwise the client sees an end of stream.
                    awaitLatency(arrived);
                    exchange.close();
                    return;
                }
                case FAIL_500, FAIL_503 -> {
                    drain(exchange);
                    int status = fault == FaultInjector.Fault.FAIL_500 ? 500 : 503;
                    if (status == 503) {
                        exchange.getResponseHeaders().set("Retry-After",
                                String.valueOf(faults.retryAfterSeconds()));
                    }
                    awaitLatency(arrived);
                    sendText(exchange, status, status == 500 ? "500 Internal Server Error" : "503 Service Unavailable");
                    return;
                }
                default -> readBody(exchange, request);
            }
            if (fault == FaultInjector.Fault.LOST_AFTER) {
                Reply reply = tokenFailureOr(request, () -> ecnowEndpoint.ecnow(request));
                awaitLatency(arrived);
                if (faults.lostResponseMode() == LostResponseMode.BAD_GATEWAY) {
                    sendText(exchange, 502, "502 Bad Gateway");
                } else {
                    exchange.close(); // the records are stored; the response never leaves
                }
                LOG.log(System.Logger.Level.TRACE, "sandbox: lost a response with success=" + reply.envelope.get("success"));
                return;
            }
            answer(exchange, request, () -> ecnowEndpoint.ecnow(request), arrived);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, ApiRequest request, java.util.function.Supplier<Reply> action,
                        long arrived) throws IOException {
        send(exchange, 200, tokenFailureOr(request, action), request, arrived);
    }

    private Reply tokenFailureOr(ApiRequest request, java.util.function.Supplier<Reply> action) {
        Reply tokenFailure = ecnowEndpoint.checkToken(request);
        if (tokenFailure != null) {
            return tokenFailure;
        }
        try {
            return action.get();
        } catch (ApiError e) {
            return Reply.error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox: internal error", e);
            return Reply.error("Internal sandbox error (" + e.getClass().getSimpleName() + ").");
        }
    }

    /**
     * Holds the answer until the configured latency has passed since the request arrived: the
     * latency is the time a request takes, its handling included (a request whose handling takes
     * longer is answered when done), so the sandbox's own work does not add to it.
     */
    private void awaitLatency(long arrived) {
        long millis = faults.latencyMillis();
        if (millis <= 0 || arrived == AT_ONCE) {
            return;
        }
        counters.delayed.incrementAndGet();
        // Parked to the deadline itself: Thread.sleep(millis, nanos) rounds up to the next whole
        // millisecond, which made every answer up to 1 ms later than the configured latency.
        long deadline = arrived + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long remaining = deadline - System.nanoTime(); remaining > 0; remaining = deadline - System.nanoTime()) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: answer at once
            }
        }
    }

    private static void readBody(HttpExchange exchange, ApiRequest request) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            request.addBody(body, exchange.getRequestHeaders().getFirst("Content-Type"));
        } catch (ApiError e) {
            request.payload = new byte[0];
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Sends the reply, rendered first and held until the latency has passed since {@code arrived}. */
    private void send(HttpExchange exchange, int status, Reply reply, ApiRequest request, long arrived)
            throws IOException {
        boolean xml = "xml".equals(request.lowerParam("format"));
        byte[] body = xml ? writer.xml(reply.envelope, reply.itemName) : writer.json(reply.envelope);
        awaitLatency(arrived);
        exchange.getResponseHeaders().set("Content-Type",
                xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
