package com.leadloader.contactnow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach one ContactNow account: bound from {@code contactnow.*} (credentials usually from
 * {@code CONTACTNOW_USERNAME} / {@code CONTACTNOW_PASSWORD}), or built in plain Java with the {@code with...} methods.
 * Missing values take the documented defaults; {@link #toString()} never shows the credentials.
 *
 * @param baseUrl            the API base, e.g. {@code https://api-106.dxi.eu/} (EU) or
 *                           {@code https://api.contactnow.8x8.com/api/} (US)
 * @param username           the API username
 * @param password           the API password (key)
 * @param format             the wire format of requests and responses (default JSON)
 * @param connectTimeout     TCP/TLS connect time-out (default 10 s)
 * @param readTimeout        time-out between bytes of a response (default 60 s)
 * @param callTimeout        time-out of a whole call, body included (default 120 s)
 * @param tokenRefreshMargin how long before its expiry a token is replaced (default 5 min)
 * @param maxIdleConnections idle connections kept in the pool (default 5)
 * @param keepAlive          how long an idle connection is kept (default 5 min)
 */
@ConfigurationProperties("contactnow")
public record ContactNowProperties(
        String baseUrl,
        String username,
        String password,
        Format format,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration tokenRefreshMargin,
        Integer maxIdleConnections,
        Duration keepAlive) {

    /** The {@code format} request argument; the API answers in the same format. */
    public enum Format {
        JSON, XML;

        /** The value sent as {@code format=}. */
        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ContactNowProperties {
        format = format == null ? Format.JSON : format;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofSeconds(120) : callTimeout;
        tokenRefreshMargin = tokenRefreshMargin == null ? Duration.ofMinutes(5) : tokenRefreshMargin;
        maxIdleConnections = maxIdleConnections == null ? 5 : maxIdleConnections;
        keepAlive = keepAlive == null ? Duration.ofMinutes(5) : keepAlive;
        if (tokenRefreshMargin.isNegative()) {
            throw new IllegalArgumentException("contactnow.token-refresh-margin must not be negative");
        }
        if (maxIdleConnections < 0) {
            throw new IllegalArgumentException("contactnow.max-idle-connections must not be negative");
        }
    }

    /** Properties for {@code baseUrl} with the given credentials and every other value defaulted. */
    public static ContactNowProperties of(String baseUrl, String username, String password) {
        return new ContactNowProperties(baseUrl, username, password, null, null, null, null, null, null, null);
    }

    public ContactNowProperties withBaseUrl(String value) {
        return new ContactNowProperties(value, username, password, format, connectTimeout, readTimeout,
                callTimeout, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withCredentials(String newUsername, String newPassword) {
        return new ContactNowProperties(baseUrl, newUsername, newPassword, format, connectTimeout, readTimeout,
                callTimeout, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withFormat(Format value) {
        return new ContactNowProperties(baseUrl, username, password, value, connectTimeout, readTimeout,
                callTimeout, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withConnectTimeout(Duration value) {
        return new ContactNowProperties(baseUrl, username, password, format, value, readTimeout,
                callTimeout, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withReadTimeout(Duration value) {
        return new ContactNowProperties(baseUrl, username, password, format, connectTimeout, value,
                callTimeout, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withCallTimeout(Duration value) {
        return new ContactNowProperties(baseUrl, username, password, format, connectTimeout, readTimeout,
                value, tokenRefreshMargin, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withTokenRefreshMargin(Duration value) {
        return new ContactNowProperties(baseUrl, username, password, format, connectTimeout, readTimeout,
                callTimeout, value, maxIdleConnections, keepAlive);
    }

    public ContactNowProperties withConnectionPool(int newMaxIdleConnections, Duration newKeepAlive) {
        return new ContactNowProperties(baseUrl, username, password, format, connectTimeout, readTimeout,
                callTimeout, tokenRefreshMargin, newMaxIdleConnections, newKeepAlive);
    }

    /** Shows every setting but the credentials, which appear only as set or not set. */
    @Override
    public String toString() {
        return "ContactNowProperties[baseUrl=" + baseUrl
                + ", username=" + (username == null || username.isBlank() ? "<not set>" : "***")
                + ", password=" + (password == null || password.isEmpty() ? "<not set>" : "***")
                + ", format=" + format + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + ", tokenRefreshMargin=" + tokenRefreshMargin
                + ", maxIdleConnections=" + maxIdleConnections + ", keepAlive=" + keepAlive + "]";
    }
}
