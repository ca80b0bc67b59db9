package com.leadloader.contactnow;

/** The {@code d_status} of a dataset: HOLD keeps its records off the dialler, LIVE dials them, EXPIRED closes them for good. */
public enum DatasetStatus {
    HOLD, LIVE, EXPIRED
}
