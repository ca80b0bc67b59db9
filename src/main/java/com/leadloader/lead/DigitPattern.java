package com.leadloader.lead;

import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of libphonenumber's national number patterns as a deterministic automaton (dk.brics.automaton),
 * which answers {@code Pattern.matcher(digits).matches()} (or {@code lookingAt()}) in one pass over the digits with no
 * backtracking and no matcher to allocate: about a tenth of what the regex costs, and judging a
 * number's type takes two or three of them. The patterns use a small part of Java's syntax (digits,
 * {@code \d}, classes, {@code (?:…)}, {@code |}, {@code ?}, {@code {n}} and {@code {n,m}}), which
 * means the same in dk.brics.automaton's once {@code \d} and {@code (?:} are spelled its way;
 * {@link #compile} refuses anything else. Immutable and thread-safe; each pattern is compiled once
 * a JVM.
 */
final class DigitPattern {

    private static final Map<String, DigitPattern> COMPILED = new ConcurrentHashMap<>();

    private final RunAutomaton automaton;

    private DigitPattern(RunAutomaton automaton) {
        this.automaton = automaton;
    }

    /**
     * The automaton for a libphonenumber pattern, or null when the pattern uses syntax other than
     * that listed above (the caller then keeps the regex).
     */
    static DigitPattern compile(String regex) {
        String translated = translate(regex);
        if (translated == null) {
            return null;
        }
        return COMPILED.computeIfAbsent(regex,
                r -> new DigitPattern(new RunAutomaton(new RegExp(translated, RegExp.NONE).toAutomaton())));
    }

    /** Whether the whole of {@code digits} matches, as {@code Pattern.matches} would answer. */
    boolean matches(CharSequence digits) {
        int state = automaton.getInitialState();
        for (int i = 0, n = digits.length(); i < n && state >= 0; i++) {
            state = automaton.step(state, digits.charAt(i));
        }
        return state >= 0 && automaton.isAccept(state);
    }

    /**
     * Whether some start of {@code digits} from {@code from} on matches, as
     * {@code Pattern.matcher(digits).region(from, digits.length()).lookingAt()} would answer.
     */
    boolean matchesAStartOf(CharSequence digits, int from) {
        int state = automaton.getInitialState();
        for (int i = from, n = digits.length(); !automaton.isAccept(state); i++) {
            if (i == n || (state = automaton.step(state, digits.charAt(i))) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The pattern in dk.brics.automaton's syntax, or null when it is not one this class reads. */
    static String translate(String regex) {
        if (regex.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(regex.length() + 16);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length() || regex.charAt(i + 1) != 'd') {
                    return null;
                }
                out.append("[0-9]");
                i++;
            } else if (c == '(') {
                if (regex.startsWith("(?:", i)) {
                    i += 2;
                } else if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                    return null; // look-around, flags or a named group
                }
                out.append('(');
            } else if ((c >= '0' && c <= '9') || "[]-)|?{},".indexOf(c) >= 0) {
                out.append(c);
            } else {
                return null;
            }
        }
        return out.toString();
    }
}
