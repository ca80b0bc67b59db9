/**
 * The ContactNow API client: the last stage a lead passes through before it lands in the dialler.
 * {@link com.leadloader.contactnow.ContactNowClient} speaks {@code token.php}, {@code ecnow.php} and
 * {@code database.php} in JSON or XML over one shared OkHttp client, caches one token for all threads
 * ({@link com.leadloader.contactnow.TokenCache}), and reports every failure as a
 * {@link com.leadloader.contactnow.ContactNowException} typed by what the caller can do: fix credentials,
 * report the server's refusal, retry a request that was surely not applied, or reconcile one that may
 * have been. Tokens, usernames and passwords never appear in a log line or exception message.
 */
package com.leadloader.contactnow;
