package com.leadloader.cli;

/** The exit codes of every command, as documented in the README. */
public final class ExitCodes {

    /** Every lead accounted for; or the command did what it was asked. */
    public static final int OK = 0;
    /** The load finished, but more leads were bad than the spec's threshold allows. */
    public static final int TOO_MANY_BAD = 3;
    /** The run failed part-way; running the same command again resumes it. */
    public static final int FAILED_RESTARTABLE = 4;
    /** The spec, the command line or the configuration is wrong; nothing was loaded. */
    public static final int CONFIGURATION_ERROR = 2;
    /** The load finished, but some leads were not created after retries: {@code rerun-failed} sends them. */
    public static final int LEADS_FAILED = 5;
    /** Something unexpected; the message and the log say what. */
    public static final int INTERNAL_ERROR = 1;

    private ExitCodes() {
    }
}
