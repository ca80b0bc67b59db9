/**
 * Running leadloader under an orchestrator: a graceful stop on SIGTERM that leaves the run
 * restartable, the job name and execution id on every log line, and the run's metrics for a
 * Prometheus Pushgateway. Beside the pipeline, not in it: it observes the load and never
 * changes what is sent.
 */
package com.leadloader.ops;
