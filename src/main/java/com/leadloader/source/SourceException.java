package com.leadloader.source;

import com.leadloader.cli.UserError;

/**
 * A source that cannot be read as a whole: a corrupt workbook, a malformed quote, a missing
 * password variable. The message names the file (and line) so the user can fix it; exit code 2.
 */
public class SourceException extends UserError {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, com.leadloader.cli.ExitCodes.CONFIGURATION_ERROR, cause);
    }
}
