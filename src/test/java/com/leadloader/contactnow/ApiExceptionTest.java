package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void anExpiredDatasetIsRecognisedFromTheServersText() {
        assertThat(new ApiException("m", "Dataset 351 is EXPIRED").isDatasetExpired()).isTrue();
        assertThat(new ApiException("m", "dataset is expired").isDatasetExpired()).isTrue();
        assertThat(new ApiException("m", "Expired token").isDatasetExpired()).isFalse();
        assertThat(new ApiException("m", null).isDatasetExpired()).isFalse();
    }
}
