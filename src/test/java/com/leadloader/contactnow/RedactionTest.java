package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void tokenUsernameAndPasswordValuesAreMaskedAndEverythingElseKeptInOrder() {
        HttpUrl url = HttpUrl.get("https://api-106.dxi.eu/ecnow.php?token=13036ea7secret&method=ecnow_records"
                + "&action=read&format=json&raw=1&search%5BVENDOR_URN%5D=LL-1");

        String redacted = Redaction.redact(url);

        assertThat(redacted).doesNotContain("13036ea7secret")
                .isEqualTo("https://api-106.dxi.eu/ecnow.php?token=***&method=ecnow_records&action=read"
                        + "&format=json&raw=1&search%5BVENDOR_URN%5D=LL-1");
    }

    @Test
    void credentialsOfTheTokenRequestAreMaskedWhateverTheirCase() {
        HttpUrl url = HttpUrl.get("http://127.0.0.1:8080/token.php?action=get&USERNAME=alice&Password=p%40ss&format=xml");

        String redacted = Redaction.redact(url);

        assertThat(redacted).doesNotContain("alice").doesNotContain("p%40ss").doesNotContain("p@ss")
                .contains("USERNAME=***").contains("Password=***").contains("action=get");
    }

    @Test
    void urlWithoutQueryIsUnchanged() {
        assertThat(Redaction.redact(HttpUrl.get("https://api-106.dxi.eu/"))).isEqualTo("https://api-106.dxi.eu/");
    }

    @Test
    void credentialsInTheUrlItselfAreMasked() {
        HttpUrl url = HttpUrl.get("http://sandbox:S3cr3tXYZ@127.0.0.1:18999/ecnow.php?token=t0k3n&method=ecnow_records");

        String redacted = Redaction.redact(url);

        assertThat(redacted).doesNotContain("S3cr3tXYZ").doesNotContain("sandbox").doesNotContain("t0k3n")
                .isEqualTo("http://***:***@127.0.0.1:18999/ecnow.php?token=***&method=ecnow_records");
        assertThat(Redaction.redact(HttpUrl.get("https://alice@api-106.dxi.eu/"))).isEqualTo("https://***@api-106.dxi.eu/");
    }

    @Test
    void scrubMasksEverySecretInAText() {
        assertThat(Redaction.scrub("user alice with s3cret failed", "s3cret", "alice", null, ""))
                .isEqualTo("user *** with *** failed");
    }
}
