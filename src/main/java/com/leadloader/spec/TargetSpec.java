package com.leadloader.spec;

/**
 * The ContactNow campaign table and dataset leads are created in.
 *
 * @param table       the campaign table name
 * @param dataset     a dataset id, or {@code new} to create a dataset per run named after the source
 * @param expectState the state the dataset must be in: LIVE, HOLD or ANY (EXPIRED is always refused)
 * @param goLive      staged go-live: load into a HOLD dataset and set it LIVE only when the whole
 *                    load has succeeded
 * @param sandbox     rehearse: load into a sandbox started in-process with its default
 *                    configuration ({@code sample-data/sandbox.yml}) instead of ContactNow
 */
public record TargetSpec(String table, String dataset, ExpectedState expectState, Boolean goLive, Boolean sandbox) {

    /** What state the target dataset must be in before a load starts. */
    public enum ExpectedState { LIVE, HOLD, ANY }

    public TargetSpec {
        expectState = expectState == null ? ExpectedState.ANY : expectState;
        goLive = goLive == null ? Boolean.FALSE : goLive;
        sandbox = sandbox == null ? Boolean.FALSE : sandbox;
    }

    /** Whether each run creates its own dataset. */
    public boolean newDataset() {
        return "new".equalsIgnoreCase(dataset);
    }
}
