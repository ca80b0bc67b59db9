package com.leadloader.cli;

import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.spec.JobSpec;
import java.io.PrintWriter;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The ContactNow a command talks to: the real API configured by {@code contactnow.*} (credentials
 * from the environment), or, for a spec with {@code target.sandbox: true}, a sandbox started in
 * this process with its default configuration.
 */
final class ContactNowTarget implements AutoCloseable {

    private final ContactNowClient client;
    private final SandboxServer sandbox;

    private ContactNowTarget(ContactNowClient client, SandboxServer sandbox) {
        this.client = client;
        this.sandbox = sandbox;
    }

    static ContactNowTarget open(JobSpec spec, Environment environment, PrintWriter out) {
        ContactNowProperties configured = Binder.get(environment)
                .bind("contactnow", ContactNowProperties.class)
                .orElseGet(() -> ContactNowProperties.of(null, null, null));
        if (spec.target().sandbox()) {
            SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0));
            out.println("sandbox: started in-process at " + sandbox.baseUrl() + " (target.sandbox: true)");
            return new ContactNowTarget(new ContactNowClient(configured.withBaseUrl(sandbox.baseUrl())
                    .withCredentials("sandbox", "sandbox")), sandbox);
        }
        requireSet(configured.baseUrl(), "contactnow.base-url", "CONTACTNOW_BASEURL");
        requireHttpUrl(configured.baseUrl());
        requireSet(configured.username(), "contactnow.username", "CONTACTNOW_USERNAME");
        requireSet(configured.password(), "contactnow.password", "CONTACTNOW_PASSWORD");
        return new ContactNowTarget(new ContactNowClient(configured), null);
    }

    private static void requireSet(String value, String key, String variable) {
        if (value == null || value.isBlank()) {
            throw new UserError(key + " is not set: export " + variable + " (or mount it as a config file);"
                    + " to rehearse without ContactNow, set target.sandbox: true in the spec");
        }
    }

    /** The value is not repeated in the message: it may carry a user and password ({@code user:pw@host}). */
    private static void requireHttpUrl(String baseUrl) {
        if (HttpUrl.parse(baseUrl.strip()) == null) {
            throw new UserError("contactnow.base-url is not an http(s) URL: set CONTACTNOW_BASEURL to the API base"
                    + " of your account's region, e.g. https://api-106.dxi.eu/");
        }
    }

    ContactNowClient client() {
        return client;
    }

    /** The in-process sandbox, or null when talking to ContactNow. */
    SandboxServer sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        client.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
