package com.leadloader.contactnow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import okhttp3.HttpUrl;

/**
 * A tiny HTTP/1.1 server on a real socket whose answers the test scripts: a normal reply, closing the
 * connection after reading the request, or never answering. Records every request it read.
 */
final class ScriptedServer implements AutoCloseable {

    /** One request as read off the socket. */
    record Exchange(String method, HttpUrl url, String body) {
        String script() {
            return url.pathSegments().get(url.pathSize() - 1);
        }

        String param(String name) {
            return url.queryParameter(name);
        }
    }

    /** What the server does with a request. */
    sealed interface Reply {
        record Answer(int status, String contentType, String body, Map<String, String> headers) implements Reply {
        }

        record Close() implements Reply {
        }

        record Silence() implements Reply {
        }

        static Reply json(String body) {
            return new Answer(200, "application/json", body, Map.of());
        }

        static Reply xml(String body) {
            return new Answer(200, "text/xml", body, Map.of());
        }

        static Reply status(int status, String body, Map<String, String> headers) {
            return new Answer(status, "text/html", body, headers);
        }

        /** Reads the whole request, then closes the connection without a byte of answer. */
        static Reply closeAfterReading() {
            return new Close();
        }

        /** Reads the whole request and never answers. */
        static Reply silence() {
            return new Silence();
        }
    }

    private final ServerSocket socket;
    private final Function<Exchange, Reply> script;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    ScriptedServer(Function<Exchange, Reply> script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    List<Exchange> exchanges(String script) {
        return exchanges.stream().filter(e -> e.script().equals(script)).toList();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            while (true) {
                Exchange exchange = read(in);
                if (exchange == null) {
                    return;
                }
                exchanges.add(exchange);
                Reply reply = script.apply(exchange);
                if (reply instanceof Reply.Close) {
                    return;
                }
                if (reply instanceof Reply.Silence) {
                    closed.await();
                    return;
                }
                write(out, (Reply.Answer) reply);
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Exchange read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        int length = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Exchange(parts[0], HttpUrl.get("http://127.0.0.1" + parts[1]),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return buffer.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, Reply.Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(answer.status()).append(" X\r\n")
                .append("Content-Type: ").append(answer.contentType()).append("; charset=utf-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        answer.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        threads.shutdownNow();
    }
}
