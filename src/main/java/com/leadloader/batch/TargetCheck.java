package com.leadloader.batch;

import com.leadloader.cli.ExitCodes;
import com.leadloader.cli.UserError;
import com.leadloader.contactnow.ApiException;
import com.leadloader.contactnow.AuthenticationException;
import com.leadloader.contactnow.CampaignField;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowException;
import com.leadloader.contactnow.Dataset;
import com.leadloader.contactnow.DatasetQuery;
import com.leadloader.contactnow.DatasetSpec;
import com.leadloader.contactnow.DatasetStatus;
import com.leadloader.contactnow.UpdateResult;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the ContactNow side of a load before any lead is read: the credentials work, the
 * campaign table exists and has every mapped field, and the dataset is in a state the spec
 * accepts (EXPIRED never is). Creates the run's dataset when the spec asks for a new one.
 */
public final class TargetCheck {

    private static final Logger log = LoggerFactory.getLogger(TargetCheck.class);

    private final ContactNowClient client;
    private final JobSpec spec;
    private final List<String> warnings = new ArrayList<>();

    public TargetCheck(ContactNowClient client, JobSpec spec) {
        this.client = client;
        this.spec = spec;
    }

    /** Warnings found so far (a HOLD dataset whose records will not be dialled, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /** The campaign table's fields; a missing table is a configuration error naming the tables there are. */
    public List<CampaignField> fields() {
        String table = spec.target().table();
        List<CampaignField> fields;
        try {
            fields = client.campaignFields(table);
        } catch (ApiException refused) {
            // The sandbox refuses the fields of a table that does not exist ("Campaign table [T] does
            // not exist.") rather than listing none: asking again will not help, the spec is wrong.
            throw unknownTable(table, refused);
        } catch (ContactNowException e) {
            throw failure(e);
        }
        if (fields.isEmpty()) {
            throw noSuchTable(table, call(client::campaignTables));
        }
        return fields;
    }

    /**
     * Why ContactNow refused to list the table's fields: the table is not among the account's (a
     * configuration error naming them), or, when it is or the tables cannot be listed either, the
     * refusal itself (a wrong base URL answers 404 to both).
     */
    private UserError unknownTable(String table, ApiException refused) {
        List<String> tables;
        try {
            tables = client.campaignTables();
        } catch (ContactNowException e) {
            return refused.serverError().toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT))
                    ? new UserError(spec.name() + ": target.table: ContactNow refused campaign table '" + table
                            + "': " + refused.serverError())
                    : failure(refused);
        }
        return tables.stream().anyMatch(table::equalsIgnoreCase) ? failure(refused) : noSuchTable(table, tables);
    }

    private UserError noSuchTable(String table, List<String> tables) {
        return new UserError(spec.name() + ": target.table: ContactNow has no campaign table '" + table
                + "' (tables: " + String.join(", ", tables) + ")");
    }

    /**
     * The dataset this run loads into, checked. With {@code dataset: new} the dataset an earlier
     * attempt of this run created is reused ({@code reuse}), otherwise one is created on HOLD or
     * LIVE as the spec says, named after the source.
     */
    public String dataset(String reuse, String sourceName) {
        TargetSpec target = spec.target();
        if (target.newDataset()) {
            if (reuse != null) {
                return check(Integer.parseInt(reuse));
            }
            DatasetStatus status = target.goLive() || target.expectState() == TargetSpec.ExpectedState.HOLD
                    ? DatasetStatus.HOLD : DatasetStatus.LIVE;
            Dataset created = call(() -> client.createDataset(DatasetSpec.of(target.table(), sourceName)
                    .withStatus(status).withNotes("Loaded by leadloader job " + spec.name())));
            log.info("created dataset {} '{}' ({}) in {}", created.id(), sourceName, created.status(), target.table());
            return check(created.id());
        }
        return check(Integer.parseInt(target.dataset()));
    }

    /** Checks the spec's dataset without creating anything: null for {@code dataset: new}. */
    public String existingDataset() {
        return spec.target().newDataset() ? null : check(Integer.parseInt(spec.target().dataset()));
    }

    private String check(int id) {
        TargetSpec target = spec.target();
        List<Dataset> found = call(() -> client.readDatasets(DatasetQuery.ofDataset(id).withTable(target.table())));
        Dataset dataset = found.stream().filter(d -> d.id() == id).findFirst().orElseThrow(() -> new UserError(
                spec.name() + ": target.dataset: campaign table '" + target.table() + "' has no dataset " + id));
        DatasetStatus status = dataset.status();
        if (status == DatasetStatus.EXPIRED) {
            throw new UserError(spec.name() + ": target.dataset: dataset " + id + " is EXPIRED; ContactNow accepts"
                    + " no records into it (choose a HOLD or LIVE dataset, or dataset: new)");
        }
        if (target.goLive() && status != DatasetStatus.HOLD) {
            throw new UserError(spec.name() + ": target.go-live: dataset " + id + " is " + status
                    + "; staged go-live loads into a HOLD dataset and switches it LIVE at the end");
        }
        if (target.expectState() != TargetSpec.ExpectedState.ANY
                && !target.expectState().name().equals(status.name())) {
            throw new UserError(spec.name() + ": target.expect-state: dataset " + id + " is " + status
                    + ", the spec expects " + target.expectState());
        }
        if (status == DatasetStatus.HOLD && !target.goLive()) {
            warnings.add("dataset " + id + " is on HOLD: records will not be live on the dialler until it is set LIVE");
        }
        return String.valueOf(id);
    }

    /** Staged go-live: switches the dataset LIVE once the whole load has landed. */
    public void goLive(String dataset) {
        UpdateResult result = call(() -> client.updateDataset(Integer.parseInt(dataset), Map.of("d_status", "LIVE")));
        if (result.total() < 1) {
            throw new UserError("dataset " + dataset + " could not be switched LIVE: "
                    + (result.error() == null ? "ContactNow changed nothing" : result.error()),
                    ExitCodes.FAILED_RESTARTABLE, null);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ContactNowException e) {
            throw failure(e);
        }
    }

    /** What the user is told when a call to check the target fails. */
    private static UserError failure(ContactNowException e) {
        if (e instanceof AuthenticationException) {
            return new UserError("ContactNow refused the credentials (" + e.getMessage()
                    + "); check CONTACTNOW_USERNAME and CONTACTNOW_PASSWORD", ExitCodes.CONFIGURATION_ERROR, e);
        }
        // An untrusted certificate will not fix itself: the base URL or the trust store is wrong.
        boolean tls = false;
        for (Throwable t = e; t != null && !tls; t = t.getCause() == t ? null : t.getCause()) {
            tls = t instanceof javax.net.ssl.SSLException;
        }
        return new UserError("cannot check the target in ContactNow: " + e.getMessage()
                + (tls ? " (check CONTACTNOW_BASEURL)" : ""),
                tls ? ExitCodes.CONFIGURATION_ERROR : ExitCodes.FAILED_RESTARTABLE, e);
    }
}
