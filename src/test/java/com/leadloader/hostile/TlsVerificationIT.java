package com.leadloader.hostile;

import com.leadloader.testing.SandboxSpecs;
import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowException;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.testing.TestDatabase;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client verifies TLS certificates and there is no switch to turn that off: an https base URL
 * served with a self-signed certificate fails with a clear message before any credentials are sent.
 */
class TlsVerificationIT {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private HttpsServer server;
    private KeyStore keyStore;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void selfSignedServer() throws Exception {
        Path store = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(keytool.exitValue()).as(keytoolOutput).isZero();

        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"success\":true,\"token\":\"t\",\"expire\":9999999999}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void theServerAnswersAClientThatTrustsItsCertificate() throws Exception {
        // The control: the server works, so the failures below are about trust alone.
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build(); // Java 17: not AutoCloseable
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "token.php")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aSelfSignedCertificateIsRefusedBeforeTheCredentialsAreSent() {
        try (ContactNowClient client = new ContactNowClient(ContactNowProperties.of(baseUrl(), "sandbox", "Secret-pw-1"))) {
            assertThatThrownBy(client::campaignTables)
                    .isInstanceOf(ContactNowException.class)
                    .hasMessageContaining("certificate is not trusted")
                    .hasMessageNotContaining("Secret-pw-1");
        }
        assertThat(requests).as("requests the untrusted server received").hasValue(0);
    }

    @Test
    void theCommandLineSaysTheCertificateIsNotTrusted() throws Exception {
        String dbUrl = TestDatabase.freshSchemaUrl("hostile_tls");
        Path csv = Files.writeString(dir.resolve("leads.csv"), "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Path spec = SandboxSpecs.write(dir, "tls", csv, "");
        Path log = dir.resolve("tls.log");
        Process run = LeadloaderProcess.start(LeadloaderProcess.environment(dbUrl, baseUrl(), "sandbox", "Secret-pw-1"),
                log, "run", spec.toString());
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("certificate is not trusted").contains("127.0.0.1")
                .doesNotContain("Secret-pw-1");
        assertThat(output.lines().filter(l -> l.matches("\\s+at [a-z]+\\..*")).toList()).as(output).isEqualTo(List.of());
        assertThat(requests).hasValue(0);
    }
}
