package com.leadloader.spec;

import com.leadloader.cli.UserError;

import java.util.List;

/**
 * A job spec that cannot be used: unreadable, misspelt or inconsistent. Its message names the
 * file, the key and what is allowed, one line per mistake; the command exits with code 2.
 */
public class SpecException extends UserError {

    private final List<String> problems;

    public SpecException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public SpecException(String problem) {
        this(List.of(problem));
    }

    /** Each mistake as one sentence starting with the file name. */
    public List<String> problems() {
        return problems;
    }
}
