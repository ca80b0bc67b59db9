package com.leadloader.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.BufferedSource;
import okio.Okio;

/**
 * One API request as real clients send it: parameters from the query string, a URL-encoded form
 * body or multipart fields ({@code search[Field]=value} collected apart), and the payload of a
 * create/update, which is the raw body unless it came as a multipart part or an {@code easycall} field.
 */
final class ApiRequest {

    private static final Pattern SEARCH_KEY = Pattern.compile("search\\[(.*)]");
    private static final Pattern DISPOSITION_NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");

    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> search = new LinkedHashMap<>();
    byte[] payload = new byte[0];

    /** Parameters of the query string only: enough to route and to decide on a fault before the body is read. */
    static ApiRequest fromQuery(String rawQuery) {
        ApiRequest request = new ApiRequest();
        request.addForm(rawQuery);
        return request;
    }

    String param(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String lowerParam(String name) {
        String v = param(name);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    /** Adds what the body carries: form or multipart fields, and the payload. */
    void addBody(byte[] body, String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        payload = body;
        if (type.startsWith("multipart/form-data")) {
            payload = new byte[0];
            addMultipart(body, contentType);
        } else if (type.startsWith("application/x-www-form-urlencoded") && !looksLikeData(body)) {
            addForm(new String(body, StandardCharsets.UTF_8));
            payload = new byte[0];
        }
        for (String field : new String[] {"easycall", "data"}) {
            if (payload.length == 0 && params.containsKey(field)) {
                payload = params.remove(field).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean looksLikeData(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '[' || b == '{' || b == '<';
            }
        }
        return false;
    }

    private void addForm(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(key, value);
        }
    }

    private void put(String key, String value) {
        Matcher m = SEARCH_KEY.matcher(key);
        if (m.matches()) {
            search.put(m.group(1), value);
        } else {
            params.put(key, value);
        }
    }

    private void addMultipart(byte[] body, String contentType) throws IOException {
        MediaType mediaType = MediaType.parse(contentType);
        String boundary = mediaType == null ? null : mediaType.parameter("boundary");
        if (boundary == null) {
            throw new ApiError("Multipart body without a boundary.");
        }
        BufferedSource source = Okio.buffer(Okio.source(new ByteArrayInputStream(body)));
        try (MultipartReader reader = new MultipartReader(source, boundary)) {
            MultipartReader.Part next;
            while ((next = reader.nextPart()) != null) {
                try (MultipartReader.Part part = next) {
                    String disposition = part.headers().get("Content-Disposition");
                    Matcher m = DISPOSITION_NAME.matcher(disposition == null ? "" : disposition);
                    String name = m.find() ? m.group(1) : "";
                    byte[] content = part.body().readByteArray();
                    boolean file = disposition != null && disposition.toLowerCase(Locale.ROOT).contains("filename=");
                    if (file || name.equals("easycall")) {
                        payload = content;
                    } else {
                        put(name, new String(content, StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
