package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ContactNowPropertiesTest {

    @Test
    void unsetValuesTakeTheDocumentedDefaults() {
        ContactNowProperties p = ContactNowProperties.of("https://api-106.dxi.eu/", "u", "p");

        assertThat(p.format()).isEqualTo(ContactNowProperties.Format.JSON);
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.callTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.maxIdleConnections()).isEqualTo(5);
        assertThat(p.keepAlive()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void toStringShowsNeitherUsernameNorPassword() {
        ContactNowProperties p = ContactNowProperties.of("https://api-106.dxi.eu/", "alice-api", "s3cret-key");

        assertThat(p.toString()).doesNotContain("alice-api").doesNotContain("s3cret-key")
                .contains("https://api-106.dxi.eu/").contains("username=***");
    }

    @Test
    void withMethodsChangeOneValueAndKeepTheRest() {
        ContactNowProperties p = ContactNowProperties.of("http://127.0.0.1:1/", "u", "p")
                .withFormat(ContactNowProperties.Format.XML).withReadTimeout(Duration.ofSeconds(3));

        assertThat(p.format()).isEqualTo(ContactNowProperties.Format.XML);
        assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.username()).isEqualTo("u");
    }

    @Test
    void springBindsContactnowPropertiesAndCredentialsFromTheEnvironment() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("yaml", Map.of(
                "contactnow.base-url", "https://api-106.dxi.eu/",
                "contactnow.format", "xml",
                "contactnow.read-timeout", "30s",
                "contactnow.token-refresh-margin", "2m")));
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CONTACTNOW_USERNAME", "alice", "CONTACTNOW_PASSWORD", "s3cret")));

        ContactNowProperties p = new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("contactnow", ContactNowProperties.class);

        assertThat(p.baseUrl()).isEqualTo("https://api-106.dxi.eu/");
        assertThat(p.username()).isEqualTo("alice");
        assertThat(p.password()).isEqualTo("s3cret");
        assertThat(p.format()).isEqualTo(ContactNowProperties.Format.XML);
        assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.callTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void dashedKeysBindFromEnvironmentVariablesWithoutTheDash() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CONTACTNOW_BASEURL", "https://api.contactnow.8x8.com/api/",
                                "CONTACTNOW_READTIMEOUT", "15s")));

        ContactNowProperties p = new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("contactnow", ContactNowProperties.class);

        assertThat(p.baseUrl()).isEqualTo("https://api.contactnow.8x8.com/api/");
        assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void withoutAnyContactnowSettingTheBindingStillSucceeds() {
        ContactNowProperties p = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
                .bindOrCreate("contactnow", ContactNowProperties.class);

        assertThat(p.baseUrl()).isNull();
        assertThat(p.format()).isEqualTo(ContactNowProperties.Format.JSON);
    }
}
