package com.leadloader.contactnow;

import java.util.Locale;
import java.util.Set;

import okhttp3.HttpUrl;

/**
 * Makes URLs and texts safe to log: tokens and credentials travel in ContactNow query strings
 * (contactnow-api.md, "Tokens"), so every URL is redacted before it reaches a log line or a message.
 */
public final class Redaction {

    /** The query parameters whose values are secrets. */
    public static final Set<String> SECRET_PARAMETERS = Set.of("token", "username", "password");

    private static final String MASK = "***";

    private Redaction() {
    }

    /**
     * The URL with the values of {@code token}, {@code username} and {@code password} replaced by
     * {@code ***}, and so is any user name and password in it ({@code https://user:pass@host/}).
     */
    public static String redact(HttpUrl url) {
        if (url == null) {
            return "<no url>";
        }
        HttpUrl.Builder builder = url.newBuilder();
        if (!url.encodedUsername().isEmpty() || !url.encodedPassword().isEmpty()) {
            builder.username(MASK).password(url.encodedPassword().isEmpty() ? "" : MASK);
        }
        if (url.querySize() == 0) {
            return builder.build().toString();
        }
        builder.query(null);
        for (int i = 0; i < url.querySize(); i++) {
            String name = url.queryParameterName(i);
            String value = url.queryParameterValue(i);
            boolean secret = SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
            builder.addQueryParameter(name, secret && value != null ? MASK : value);
        }
        return builder.build().toString();
    }

    /** The text with every occurrence of the given secrets (blank ones ignored) replaced by {@code ***}. */
    public static String scrub(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
