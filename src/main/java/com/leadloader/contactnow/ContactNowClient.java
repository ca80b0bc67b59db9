package com.leadloader.contactnow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Typed operations on one ContactNow account over one shared connection pool; safe for many threads.
 * Every call sends {@code raw=1} and the configured format, carries the cached token, is resent once with a
 * fresh token when the server refuses the token, and fails with a {@link ContactNowException} subtype.
 */
public final class ContactNowClient implements AutoCloseable {

    private static final String ECNOW = "ecnow.php";
    private static final String DATABASE = "database.php";
    private static final String TOKEN = "token.php";
    /** How many times a call refused for its token gets a new one and is resent before it is a {@link TokenException}. */
    static final int TOKEN_REFRESHES = 2;

    private final ContactNowProperties properties;
    private final HttpUrl baseUrl;
    private final Clock clock;
    private final HttpTransport transport;
    private final ResponseParser parser;
    private final PayloadWriter payloads;
    private final TokenCache tokens;
    /** Requests on the wire at once, or null for no bound of this client's own. */
    private final Semaphore inFlight;

    public ContactNowClient(ContactNowProperties properties) {
        this(properties, Clock.systemUTC());
    }

    /** A client whose token expiry is judged by {@code clock}. */
    public ContactNowClient(ContactNowProperties properties, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseUrl = parseBaseUrl(properties.baseUrl());
        require(properties.username(), "contactnow.username (env CONTACTNOW_USERNAME)");
        require(properties.password(), "contactnow.password (env CONTACTNOW_PASSWORD)");
        this.transport = new HttpTransport(properties, clock, this::scrub);
        this.parser = new ResponseParser(properties.format());
        this.payloads = new PayloadWriter(properties.format());
        this.tokens = new TokenCache(this::fetchToken, clock, properties.tokenRefreshMargin());
        this.inFlight = null;
    }

    private ContactNowClient(ContactNowClient shared, Semaphore inFlight) {
        this.properties = shared.properties;
        this.clock = shared.clock;
        this.baseUrl = shared.baseUrl;
        this.transport = shared.transport;
        this.parser = shared.parser;
        this.payloads = shared.payloads;
        this.tokens = shared.tokens;
        this.inFlight = inFlight;
    }

    /**
     * This client (same connections and token), with at most {@code requests} HTTP requests of its
     * callers on the wire at once: a permit is held from sending a request until its response has
     * been read, not while a payload is written, a response parsed or a back-off waited out, so
     * that {@code requests} callers keep the API busy. Closing the view closes the shared client.
     */
    public ContactNowClient withInFlightLimit(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests in flight must be at least 1, not " + requests);
        }
        return new ContactNowClient(this, new Semaphore(requests, true));
    }

    // ---- ecnow_records -------------------------------------------------------------------------------------

    /**
     * Creates records ({@code ecnow_records create}). Never deduplicates: a record sent twice is stored twice.
     * Judge the answer by {@code total} and {@code bad}; the server does not say which records were bad.
     */
    public CreateResult createRecords(List<Map<String, String>> records) {
        ApiResponse r = post("ecnow_records", "create", records);
        return new CreateResult(r.totalOrZero(), r.badOrZero(), r.key(), r.info(), r.error());
    }

    /** Reads the records {@code query} selects ({@code ecnow_records read}); each is field name to value. */
    public List<Map<String, String>> readRecords(RecordQuery query) {
        return get(ECNOW, "ecnow_records", query.toParameters()).list();
    }

    /**
     * As {@link #readRecords}, each record with only the named fields (matched in any case, keyed as
     * the server names them): the API answers whole records, and a loader reading back thousands
     * of them for their ids and markers need not hold the rest.
     */
    public List<Map<String, String>> readRecords(RecordQuery query, Collection<String> fields) {
        Set<String> keep = new HashSet<>();
        fields.forEach(field -> keep.add(field.toLowerCase(Locale.ROOT)));
        ApiResponse r = call(ECNOW, "ecnow_records", "read", query.toParameters(), null, keep);
        if (!r.success()) {
            throw refused(ECNOW, "ecnow_records", "read", r);
        }
        return r.list();
    }

    /** Updates records by {@code id} and {@code dataset} ({@code ecnow_records update}); a missing id counts as bad. */
    public UpdateResult updateRecords(List<Map<String, String>> records) {
        ApiResponse r = post("ecnow_records", "update", records);
        return new UpdateResult(r.totalOrZero(), r.badOrZero(), r.info(), r.error());
    }

    // ---- ecnow_datasets ------------------------------------------------------------------------------------

    /** Creates a dataset and returns it as the server then describes it. */
    public Dataset createDataset(DatasetSpec spec) {
        ApiResponse r = post("ecnow_datasets", "create", List.of(spec.toFields()));
        if (r.key() == null || r.key() <= 0) {
            throw new ApiException(describe(ECNOW, "ecnow_datasets", "create")
                    + ": the server answered no dataset id", r.error());
        }
        int id = Math.toIntExact(r.key());
        return readDatasets(DatasetQuery.ofDataset(id)).stream().findFirst()
                .orElseGet(() -> new Dataset(id, spec.qid() == null ? 0 : spec.qid(), spec.status(),
                        spec.priority(), spec.description(), spec.notes(), spec.table(), false));
    }

    /** The datasets {@code query} selects ({@code ecnow_datasets read}). */
    public List<Dataset> readDatasets(DatasetQuery query) {
        return mapList(ECNOW, "ecnow_datasets", get(ECNOW, "ecnow_datasets", query.toParameters()),
                ContactNowClient::toDataset);
    }

    /** Changes fields of dataset {@code id}, e.g. {@code d_status=LIVE} ({@code ecnow_datasets update}). */
    public UpdateResult updateDataset(int id, Map<String, String> changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dataset", Integer.toString(id));
        fields.putAll(changes);
        ApiResponse r = post("ecnow_datasets", "update", List.of(fields));
        return new UpdateResult(r.totalOrZero(), r.badOrZero(), r.info(), r.error());
    }

    // ---- metadata ------------------------------------------------------------------------------------------

    /** The names of the account's campaign tables. */
    public List<String> campaignTables() {
        return mapList(ECNOW, "campaign_tables", get(ECNOW, "campaign_tables", Map.of()),
                item -> field(item, "name"));
    }

    /** The fields of campaign table {@code table}, in server order. */
    public List<CampaignField> campaignFields(String table) {
        return mapList(ECNOW, "campaign_fields", get(ECNOW, "campaign_fields", Map.of("table", table)),
                ContactNowClient::toCampaignField);
    }

    /** The account's outcome codes ({@code database.php method=outcomecodes}). */
    public List<OutcomeCode> outcomeCodes() {
        return mapList(DATABASE, "outcomecodes", get(DATABASE, "outcomecodes", Map.of()),
                item -> new OutcomeCode(Integer.parseInt(firstOf(item, "outcome", "outcomecode", "code").trim()),
                        firstOf(item, "description"), yes(firstOf(item, "complete"))));
    }

    /** How many tokens this client has requested from {@code token.php}. */
    public long tokenFetches() {
        return tokens.fetchCount();
    }

    public ContactNowProperties properties() {
        return properties;
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---- calls ---------------------------------------------------------------------------------------------

    private ApiResponse get(String script, String method, Map<String, String> params) {
        ApiResponse r = call(script, method, "read", params, null);
        if (!r.success()) {
            throw refused(script, method, "read", r);
        }
        return r;
    }

    /** Posts a create or update; refused outright only when nothing was counted, since the counts decide. */
    private ApiResponse post(String method, String action, List<Map<String, String>> records) {
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException(method + " " + action + " needs at least one record");
        }
        ApiResponse r = call(ECNOW, method, action, Map.of(), payloads.write(records));
        if (!r.success() && r.totalOrZero() == 0 && r.badOrZero() == 0) {
            throw refused(ECNOW, method, action, r);
        }
        return r;
    }

    /**
     * Sends the call with the cached token; on a token refusal replaces the token and resends, at most
     * {@link #TOKEN_REFRESHES} times. One would do where tokens are refused only when they expire; a
     * token revoked while requests are in flight can be revoked again before the resend reaches the
     * server, and stopping the load for that would stop it for nothing.
     */
    private ApiResponse call(String script, String method, String action, Map<String, String> params, String body) {
        return call(script, method, action, params, body, null);
    }

    /** As above, keeping only the {@code keep} fields of list items (lower case), or all when null. */
    private ApiResponse call(String script, String method, String action, Map<String, String> params, String body,
                             Set<String> keep) {
        String token = tokens.get();
        ApiResponse r = send(script, method, action, params, body, token, keep);
        for (int refresh = 1; r.isTokenRefusal(); refresh++) {
            if (refresh > TOKEN_REFRESHES) {
                throw new TokenException(describe(script, method, action) + ": token refused even after "
                        + TOKEN_REFRESHES + " refreshes: " + scrub(r.error()), r.error());
            }
            tokens.invalidate(token);
            token = tokens.get();
            r = send(script, method, action, params, body, token, keep);
        }
        return r;
    }

    private ApiResponse send(String script, String method, String action, Map<String, String> params, String body,
                             String token, Set<String> keep) {
        HttpUrl.Builder url = baseUrl.resolve(script).newBuilder()
                .addQueryParameter("token", token)
                .addQueryParameter("method", method)
                .addQueryParameter("action", action)
                .addQueryParameter("format", properties.format().param())
                .addQueryParameter("raw", "1");
        params.forEach(url::addQueryParameter);
        return exchange(script + " " + method + "/" + action, url.build(), body, keep);
    }

    private Token fetchToken() {
        HttpUrl url = baseUrl.resolve(TOKEN).newBuilder()
                .addQueryParameter("action", "get")
                .addQueryParameter("username", properties.username())
                .addQueryParameter("password", properties.password())
                .addQueryParameter("format", properties.format().param())
                .addQueryParameter("raw", "1")
                .build();
        Instant asked = clock.instant();
        ApiResponse r = exchange(TOKEN + " get", url, null, null);
        String what = TOKEN + " get " + Redaction.redact(url);
        if (!r.success()) {
            throw new AuthenticationException(what + ": token refused (" + scrub(r.error())
                    + "); check contactnow.username/password and the region's base URL", r.error());
        }
        if (r.token() == null || r.token().isBlank() || r.expire() == null) {
            throw new ApiException(what + ": the answer carries no token or expiry", r.error());
        }
        return new Token(r.token(), Instant.ofEpochSecond(r.expire()), asked);
    }

    private ApiResponse exchange(String operation, HttpUrl url, String body, Set<String> keep) {
        String what = operation + " " + Redaction.redact(url);
        Request.Builder request = new Request.Builder().url(url);
        if (body != null) {
            request.post(RequestBody.create(body, MediaType.get(payloads.mediaType())));
        }
        HttpTransport.Answer answer = onTheWire(request.build(), what);
        try {
            return parser.parse(answer, keep);
        } catch (ResponseFormatException e) {
            if (!answer.isSuccessful()) {
                throw new ApiException(what + ": server answered HTTP " + answer.status(), "HTTP " + answer.status());
            }
            throw new AmbiguousOutcomeException(what + ": unreadable response (" + e.getMessage()
                    + "); it may have been applied", answer.status(), null, e);
        }
    }

    private HttpTransport.Answer onTheWire(Request request, String what) {
        if (inFlight == null) {
            return transport.execute(request, what);
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestNotSentException(what + ": interrupted while waiting for a request slot (not sent)",
                    null, e);
        }
        try {
            return transport.execute(request, what);
        } finally {
            inFlight.release();
        }
    }

    private ApiException refused(String script, String method, String action, ApiResponse r) {
        String error = r.error() == null ? "success false without an error text" : r.error();
        return new ApiException(describe(script, method, action) + ": " + scrub(error), error);
    }

    private <T> List<T> mapList(String script, String method, ApiResponse r, Function<Map<String, String>, T> mapper) {
        List<T> result = new ArrayList<>(r.list().size());
        for (Map<String, String> item : r.list()) {
            try {
                result.add(mapper.apply(item));
            } catch (RuntimeException e) {
                throw new AmbiguousOutcomeException(describe(script, method, "read")
                        + ": unexpected list item (" + e.getMessage() + ")", 200, null, e);
            }
        }
        return List.copyOf(result);
    }

    private String describe(String script, String method, String action) {
        return script + " " + method + "/" + action + " at " + baseUrl.resolve(script);
    }

    private String scrub(String text) {
        return Redaction.scrub(text, properties.password(), properties.username());
    }

    // ---- mapping -------------------------------------------------------------------------------------------

    private static Dataset toDataset(Map<String, String> item) {
        String status = firstOf(item, "d_status", "status").trim().toUpperCase(Locale.ROOT);
        return new Dataset(
                Integer.parseInt(firstOf(item, "dataset", "id").trim()),
                number(firstOf(item, "qid")),
                DatasetStatus.valueOf(status),
                (int) number(firstOf(item, "d_priority", "priority")),
                firstOf(item, "description"),
                firstOf(item, "notes"),
                firstOf(item, "table"),
                yes(firstOf(item, "locked")));
    }

    private static CampaignField toCampaignField(Map<String, String> item) {
        return new CampaignField(
                field(item, "name"),
                firstOf(item, "type"),
                (int) number(firstOf(item, "size")),
                number(firstOf(item, "standard_field")) > 0,
                firstOf(item, "group_name"),
                yes(firstOf(item, "readonly")),
                yes(firstOf(item, "hidden")),
                yes(firstOf(item, "required")),
                firstOf(item, "picklist"),
                (int) number(firstOf(item, "order", "position")));
    }

    private static String field(Map<String, String> item, String name) {
        String value = item.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no '" + name + "'");
        }
        return value;
    }

    /** The first of the names the item has (field names differ between the vendor's documents), or "". */
    private static String firstOf(Map<String, String> item, String... names) {
        for (String name : names) {
            String value = item.get(name);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    private static long number(String text) {
        return text == null || text.isBlank() ? 0 : Long.parseLong(text.trim());
    }

    private static boolean yes(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return t.equals("y") || t.equals("yes") || t.equals("1") || t.equals("true");
    }

    private static HttpUrl parseBaseUrl(String value) {
        require(value, "contactnow.base-url (e.g. https://api-106.dxi.eu/)");
        HttpUrl url = HttpUrl.parse(value.endsWith("/") ? value : value + "/");
        if (url == null) {
            throw new IllegalArgumentException("contactnow.base-url is not an http(s) URL: " + value);
        }
        return url;
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set");
        }
    }
}
