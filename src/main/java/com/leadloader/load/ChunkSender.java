package com.leadloader.load;

import com.leadloader.contactnow.AmbiguousOutcomeException;
import com.leadloader.contactnow.ApiException;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowException;
import com.leadloader.contactnow.CreateResult;
import com.leadloader.contactnow.RecordQuery;
import com.leadloader.contactnow.RequestNotSentException;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.MarkedLead;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Creates one request's worth of leads exactly once. Before anything is resent after a failure
 * that may have been applied, it reads the chunk back by its marker prefix and resends only the
 * leads not found; when the API reports bad records, it finds them by difference and sends them
 * one at a time so that each gets its own error in the ledger.
 */
public final class ChunkSender {

    private static final Logger log = LoggerFactory.getLogger(ChunkSender.class);

    private final ContactNowClient client;
    private final LedgerRepository ledger;
    private final LoadSettings settings;
    private final RequestRateLimiter rateLimiter;
    private final LoadCounters counters;
    private final RequestTimer requestTimer;

    public ChunkSender(ContactNowClient client, LedgerRepository ledger, LoadSettings settings,
                       RequestRateLimiter rateLimiter, LoadCounters counters) {
        this(client, ledger, settings, rateLimiter, counters, RequestTimer.unexported());
    }

    public ChunkSender(ContactNowClient client, LedgerRepository ledger, LoadSettings settings,
                       RequestRateLimiter rateLimiter, LoadCounters counters, RequestTimer requestTimer) {
        this.client = client;
        this.ledger = ledger;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.counters = counters;
        this.requestTimer = requestTimer;
    }

    /**
     * Reconciles leads left pending by an earlier attempt or a killed run, then sends the ones
     * that are not in ContactNow. All leads must share one marker prefix.
     */
    public void reconcileAndSend(List<MarkedLead> leads, long executionId) {
        List<MarkedLead> missing = recordFound(leads, executionId);
        if (!missing.isEmpty()) {
            send(missing, executionId);
        }
    }

    /** Sends leads that were never sent, or are not in ContactNow; all must share one marker prefix. */
    public void send(List<MarkedLead> leads, long executionId) {
        send(leads, executionId, false, false);
    }

    /**
     * Sends leads just claimed, whose first attempt the claim already counted in the ledger. When
     * the API answers that it created every one of them, they are returned still pending, without
     * a read-back: the caller learns the keys of a whole group of requests with one read
     * ({@link #recordKeys}). Leads this call settles itself (bad ones, single leads, leads after an
     * ambiguous failure) are not returned. All must share one marker prefix.
     */
    public List<MarkedLead> sendAwaitingKeys(List<MarkedLead> leads, long executionId) {
        return send(leads, executionId, true, true);
    }

    private List<MarkedLead> send(List<MarkedLead> leads, long executionId, boolean firstAttemptCounted,
                                  boolean deferKeys) {
        List<MarkedLead> remaining = leads;
        BackOffExecution backOff = backOff().start();
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            if (attempt > 1 || !firstAttemptCounted) {
                ledger.touch(markers(remaining), executionId);
            }
            try {
                rateLimiter.acquire();
                List<Map<String, String>> payloads = payloads(remaining);
                CreateResult result = requestTimer.time("create", () -> client.createRecords(payloads));
                counters.requests.increment();
                if (remaining.size() == 1) {
                    settleSingle(remaining.get(0), result, executionId);
                    return List.of();
                }
                if (deferKeys && result.total() == remaining.size() && result.bad() == 0) {
                    // Kept before the keys are read: a restart must never send these leads again.
                    ledger.acknowledge(remaining.get(0).chunkPrefix(), remaining.size(), executionId);
                    return remaining;
                }
                List<MarkedLead> notFound = readBackCreated(remaining, result, executionId, backOff);
                // The API does not say which records were bad: send those one by one to learn each error.
                for (MarkedLead lead : notFound) {
                    send(List.of(lead), executionId);
                }
                return List.of();
            } catch (RequestNotSentException e) {
                counters.retries.increment();
                log.warn("create of {} leads not sent ({}); retrying", remaining.size(), e.getMessage());
                if (attempt >= settings.maxAttempts()) {
                    fail(remaining, e, executionId);
                    return List.of();
                }
                pause(backOff, e.retryAfter());
            } catch (AmbiguousOutcomeException e) {
                counters.retries.increment();
                log.warn("create of {} leads may have been applied ({}); reconciling by marker before resending",
                        remaining.size(), e.getMessage());
                pause(backOff, null);
                remaining = recordFoundWithRetry(remaining, executionId, backOff);
                if (!remaining.isEmpty()) {
                    // A request the server is still working on may land after the first look: only
                    // resend what a second look, a back-off later, does not find either.
                    pause(backOff, null);
                    remaining = recordFoundWithRetry(remaining, executionId, backOff);
                }
                if (attempt >= settings.maxAttempts() && !remaining.isEmpty()) {
                    fail(remaining, e, executionId);
                    return List.of();
                }
            } catch (ApiException e) {
                if (isFatal(e)) {
                    throw stop(e);
                }
                if (remaining.size() == 1) {
                    ledger.markBad(Map.of(remaining.get(0).marker(), e.serverError()), "API_REJECTED", executionId);
                    counters.bad.increment();
                    return List.of();
                }
                for (MarkedLead lead : recordFoundWithRetry(remaining, executionId, backOff)) {
                    send(List.of(lead), executionId);
                }
                return List.of();
            } catch (ContactNowException e) {
                throw stop(e);
            }
        }
        return List.of();
    }

    /**
     * Records the keys of leads the API said it created, reading them back by the prefix their
     * requests share ({@code LL<group>.}): one read for a group of requests instead of one each.
     * Leads that read does not show (a server that caps how many records a read answers, or
     * records not readable yet) are looked up request by request, again a back-off later. Leads
     * still not found stop the load: the records exist, so they are never resent; they stay
     * pending and are reconciled when the run is restarted.
     */
    public void recordKeys(String groupPrefix, List<MarkedLead> leads, long executionId) {
        recordKeys(groupPrefix, markers(leads), executionId, created -> record(created, executionId));
    }

    /**
     * As {@link #recordKeys(String, List, long)}, for the leads of these markers, handing the keys
     * found to {@code recorder} to be stored (markers to keys) instead of storing them on this
     * thread: a caller can keep ledger writes off its request threads. Whatever the recorder has not
     * stored yet stays pending. Markers alone are enough to find and record the leads, so a caller
     * waiting for a group's requests need not keep the leads themselves meanwhile.
     */
    public void recordKeys(String groupPrefix, List<String> markers, long executionId,
                           Consumer<Map<String, Long>> recorder) {
        BackOffExecution backOff = backOff().start();
        List<String> missing = recordFoundWithRetry(markers, List.of(groupPrefix), executionId, backOff, recorder);
        for (int attempt = 1; !missing.isEmpty(); attempt++) {
            if (attempt > 1) {
                if (attempt > settings.maxAttempts()) {
                    throw new LoadStoppedException("ContactNow created " + markers.size() + " leads under "
                            + groupPrefix + " but " + missing.size() + " cannot be read back by marker; they stay"
                            + " pending and are reconciled when the run is restarted", null);
                }
                log.warn("ContactNow created {} leads under {} but {} are not readable by marker yet; reading back"
                        + " again", markers.size(), groupPrefix, missing.size());
                pause(backOff, null);
            }
            missing = recordFoundWithRetry(missing, chunkPrefixesOf(missing), executionId, backOff, recorder);
        }
    }

    /** Stores the keys of created leads, by marker, and counts them. */
    private void record(Map<String, Long> created, long executionId) {
        ledger.markCreated(created, executionId);
        counters.created.add(created.size());
    }

    private void settleSingle(MarkedLead lead, CreateResult result, long executionId) {
        if (result.total() == 1 && result.key() != null) {
            ledger.markCreated(Map.of(lead.marker(), result.key()), executionId);
            counters.created.increment();
        } else {
            String error = result.error() == null || result.error().isBlank()
                    ? "ContactNow refused the record (total " + result.total() + ", bad " + result.bad() + ")"
                    : result.error();
            if (isFatalText(error)) {
                throw new LoadStoppedException("ContactNow stopped the load: " + error, null);
            }
            ledger.markBad(Map.of(lead.marker(), error), "API_REJECTED", executionId);
            counters.bad.increment();
        }
    }

    /**
     * After a create the API answered, reads the records back until as many are found as it
     * said it created ({@code total}); the leads left are the {@code bad} ones. A read-back that
     * keeps finding fewer than {@code total} stops the load instead of resending: the records
     * exist, so sending them again would create them twice. They stay pending and are reconciled
     * when the run is restarted.
     */
    private List<MarkedLead> readBackCreated(List<MarkedLead> leads, CreateResult result, long executionId,
                                             BackOffExecution backOff) {
        int expectedMissing = Math.max(0, leads.size() - result.total());
        List<MarkedLead> missing = recordFoundWithRetry(leads, executionId, backOff);
        for (int attempt = 1; missing.size() > expectedMissing; attempt++) {
            if (attempt >= settings.maxAttempts()) {
                throw new LoadStoppedException("ContactNow created " + result.total() + " of " + leads.size()
                        + " leads but only " + (leads.size() - missing.size()) + " can be read back by marker;"
                        + " the other " + missing.size() + " stay pending and are reconciled when the run is"
                        + " restarted", null);
            }
            log.warn("ContactNow created {} of {} leads but {} are not readable by marker yet; reading back again",
                    result.total(), leads.size(), missing.size() - expectedMissing);
            pause(backOff, null);
            missing = recordFoundWithRetry(missing, executionId, backOff);
        }
        return missing;
    }

    /** Reads back by each lead's request prefix, records what was created, and returns the leads not found. */
    private List<MarkedLead> recordFound(List<MarkedLead> leads, long executionId) {
        return leadsOf(leads, recordFound(markers(leads), chunkPrefixes(leads), created -> record(created, executionId)));
    }

    /** Of these markers, records the keys of those the reads by {@code prefixes} show and returns the others. */
    private List<String> recordFound(List<String> markers, List<String> prefixes, Consumer<Map<String, Long>> recorder) {
        Map<String, Long> keys = new HashMap<>();
        for (String prefix : prefixes) {
            keys.putAll(readBack(prefix));
        }
        Map<String, Long> created = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String marker : markers) {
            Long key = keys.get(marker);
            if (key == null) {
                missing.add(marker);
            } else {
                created.put(marker, key);
            }
        }
        if (!created.isEmpty()) {
            recorder.accept(created);
        }
        return missing;
    }

    private List<MarkedLead> recordFoundWithRetry(List<MarkedLead> leads, long executionId, BackOffExecution backOff) {
        return leadsOf(leads, recordFoundWithRetry(markers(leads), chunkPrefixes(leads), executionId, backOff,
                created -> record(created, executionId)));
    }

    private List<String> recordFoundWithRetry(List<String> markers, List<String> prefixes, long executionId,
                                              BackOffExecution backOff, Consumer<Map<String, Long>> recorder) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recordFound(markers, prefixes, recorder);
            } catch (RequestNotSentException | AmbiguousOutcomeException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new LoadStoppedException("cannot read back " + markers.size()
                            + " leads to check whether they were created: " + e.getMessage()
                            + "; they stay pending and are reconciled when the run is restarted", e);
                }
                pause(backOff, e instanceof RequestNotSentException r ? r.retryAfter() : null);
            }
        }
    }

    /** The leads of {@code markers}, in the order of {@code leads}. */
    private static List<MarkedLead> leadsOf(List<MarkedLead> leads, List<String> markers) {
        if (markers.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(markers);
        return leads.stream().filter(lead -> wanted.contains(lead.marker())).toList();
    }

    private Map<String, Long> readBack(String prefix) {
        rateLimiter.acquire();
        RecordQuery query = RecordQuery.builder()
                .dataset(Integer.parseInt(settings.dataset()))
                .search(settings.markerField(), prefix)
                .build();
        List<Map<String, String>> records = requestTimer.time("read",
                () -> client.readRecords(query, List.of("id", settings.markerField())));
        counters.requests.increment();
        Map<String, Long> keys = new LinkedHashMap<>();
        for (Map<String, String> record : records) {
            String marker = valueIgnoringCase(record, settings.markerField());
            String id = valueIgnoringCase(record, "id");
            if (marker != null && marker.startsWith(prefix) && id != null) {
                // A marker that shows up twice means a lead exists twice in ContactNow: keep the first
                // key, and say so loudly, since the person may be called twice.
                Long first = keys.putIfAbsent(marker, Long.parseLong(id.trim()));
                if (first != null) {
                    log.error("marker {} is on two ContactNow records ({} and {}): the lead exists twice;"
                            + " set one of them complete in ContactNow", marker, first, id.trim());
                }
            }
        }
        return keys;
    }

    private static String valueIgnoringCase(Map<String, String> record, String field) {
        String value = record.get(field);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : record.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(field)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private List<Map<String, String>> payloads(List<MarkedLead> leads) {
        List<Map<String, String>> records = new ArrayList<>(leads.size());
        for (MarkedLead lead : leads) {
            records.add(new Record(lead.lead().fields(), Map.entry("dataset", settings.dataset()),
                    Map.entry(settings.markerField(), lead.marker())));
        }
        return records;
    }

    /**
     * A lead's fields as one record of a create: its mapped fields, then the dataset and its marker
     * (which take the place of mapped fields of those names). A view, not a copy: a load of a
     * million leads copied a million field maps only to write them out once.
     */
    private static final class Record extends AbstractMap<String, String> {

        private final Map<String, String> fields;
        private final Map.Entry<String, String> dataset;
        private final Map.Entry<String, String> marker;

        Record(Map<String, String> fields, Map.Entry<String, String> dataset, Map.Entry<String, String> marker) {
            this.fields = fields;
            this.dataset = dataset;
            this.marker = marker;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private final Iterator<Map.Entry<String, String>> mapped = fields.entrySet().iterator();
                        private int added;
                        private Map.Entry<String, String> next = find();

                        private Map.Entry<String, String> find() {
                            while (mapped.hasNext()) {
                                Map.Entry<String, String> entry = mapped.next();
                                if (!replaced(entry.getKey())) {
                                    return entry;
                                }
                            }
                            return switch (added++) {
                                case 0 -> dataset;
                                case 1 -> marker;
                                default -> null;
                            };
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next == null) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, String> entry = next;
                            next = find();
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    int size = fields.size() + 2;
                    for (String name : fields.keySet()) {
                        if (replaced(name)) {
                            size--;
                        }
                    }
                    return size;
                }
            };
        }

        private boolean replaced(String name) {
            return name.equals(dataset.getKey()) || name.equals(marker.getKey());
        }
    }

    private void fail(List<MarkedLead> leads, Exception cause, long executionId) {
        ledger.markFailed(markers(leads), "RETRIES_EXHAUSTED",
                "not created after " + settings.maxAttempts() + " attempts: " + cause.getMessage(), executionId);
        counters.failed.add(leads.size());
    }

    private LoadStoppedException stop(ContactNowException e) {
        return new LoadStoppedException("ContactNow stopped the load: " + e.getMessage(), e);
    }

    private static boolean isFatal(ApiException e) {
        return isFatalText(e.serverError());
    }

    private static boolean isFatalText(String error) {
        String text = error == null ? "" : error.toLowerCase();
        return text.contains("expired") || text.contains("token") || text.contains("authentication");
    }

    private ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.firstBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setJitter(settings.firstBackoff().toMillis() / 2);
        return backOff;
    }

    private static void pause(BackOffExecution backOff, Duration retryAfter) {
        long millis = backOff.nextBackOff();
        if (millis == BackOffExecution.STOP) {
            millis = 0;
        }
        if (retryAfter != null && !retryAfter.isZero()) {
            millis = Math.max(millis, retryAfter.toMillis());
        }
        // Waiting out the server's back-off between attempts; not test synchronisation.
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
    }

    private static List<String> chunkPrefixes(List<MarkedLead> leads) {
        return chunkPrefixesOf(markers(leads));
    }

    private static List<String> chunkPrefixesOf(List<String> markers) {
        return markers.stream().map(MarkedLead::chunkPrefixOf).distinct().toList();
    }

    private static List<String> markers(List<MarkedLead> leads) {
        return leads.stream().map(MarkedLead::marker).toList();
    }
}
