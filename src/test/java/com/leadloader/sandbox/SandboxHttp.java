package com.leadloader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare OkHttp caller of a running sandbox for the tests: builds URLs, posts bodies, parses JSON. */
final class SandboxHttp {

    static final MediaType JSON = MediaType.get("application/json");
    static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    final OkHttpClient client;
    final SandboxServer server;
    private String token;

    SandboxHttp(SandboxServer server) {
        this.server = server;
        // No silent retries: a test must see every dropped connection the sandbox injects.
        // TCP_NODELAY: otherwise Nagle holds the tail of a body larger than one Okio segment
        // until the server's delayed ACK, some 40 ms per request.
        this.client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySocketFactory())
                .readTimeout(Duration.ofSeconds(30)).build();
    }

    /** Plain sockets with TCP_NODELAY set. */
    static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }
    }

    String token() {
        if (token == null) {
            JsonNode answer = json(get("token.php", Map.of("action", "get", "username", "sandbox", "password", "sandbox")));
            token = answer.get("token").asString();
        }
        return token;
    }

    HttpUrl url(String script, Map<String, String> params) {
        HttpUrl.Builder b = HttpUrl.get(server.baseUrl() + script).newBuilder();
        params.forEach(b::addQueryParameter);
        return b.build();
    }

    /** ecnow.php with the token and the given parameters. */
    HttpUrl ecnow(String method, String action, Map<String, String> params) {
        HttpUrl.Builder b = url("ecnow.php", params).newBuilder()
                .addQueryParameter("token", token())
                .addQueryParameter("method", method)
                .addQueryParameter("action", action);
        if (params.get("format") == null) {
            b.addQueryParameter("format", "json");
        }
        return b.addQueryParameter("raw", "1").build();
    }

    Response get(String script, Map<String, String> params) {
        return call(new Request.Builder().url(url(script, params)).build());
    }

    Response get(HttpUrl url) {
        return call(new Request.Builder().url(url).build());
    }

    Response post(HttpUrl url, String body, MediaType type) {
        return call(new Request.Builder().url(url).post(RequestBody.create(body, type)).build());
    }

    Response postForm(HttpUrl url, Map<String, String> fields) {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        return call(new Request.Builder().url(url).post(form.build()).build());
    }

    Response call(Request request) {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ecnow_records create with a JSON body, answered as JSON. */
    JsonNode create(String jsonBody) {
        return json(post(ecnow("ecnow_records", "create", Map.of()), jsonBody, JSON));
    }

    JsonNode read(Map<String, String> params) {
        return json(get(ecnow("ecnow_records", "read", params)));
    }

    static JsonNode json(Response response) {
        try (response) {
            return MAPPER.readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Response response) {
        try (response) {
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
