package com.leadloader.ledger;

/**
 * The run a ledger row belongs to.
 *
 * @param jobName        the spec's name
 * @param jobInstanceId  the Spring Batch job instance: restarts of one run share it
 * @param jobExecutionId the execution touching the row now
 * @param scopeKey       the dedupe scope: {@code table:NAME}, {@code dataset:ID} or {@code run:INSTANCE}
 */
public record RunRef(String jobName, long jobInstanceId, long jobExecutionId, String scopeKey) {
}
