package com.leadloader.lead;

import dk.brics.automaton.Automaton;
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

    /** No state: the automaton has refused the digits read so far. */
    private static final int DEAD = -1;

    /**
     * By state and digit, the next state ({@code next[state * 10 + digit]}), or {@link #DEAD}: the
     * automaton's transitions for the ten digits alone, since no pattern matches anything else.
     * RunAutomaton would find each character's class by a binary search.
     */
    private final int[] next;
    private final boolean[] accept;
    private final int initial;
    /** The pattern's language, for proving one pattern's implied by another's ({@link #language}). */
    private final Automaton language;

    private DigitPattern(Automaton language) {
        this.language = language;
        RunAutomaton automaton = new RunAutomaton(language);
        int states = automaton.getSize();
        this.next = new int[states * 10];
        this.accept = new boolean[states];
        for (int state = 0; state < states; state++) {
            accept[state] = automaton.isAccept(state);
            for (int digit = 0; digit < 10; digit++) {
                next[state * 10 + digit] = automaton.step(state, (char) ('0' + digit));
            }
        }
        this.initial = automaton.getInitialState();
    }

    /** The state after {@code c}, or {@link #DEAD} (every character but a digit is refused). */
    private int step(int state, char c) {
        int digit = c - '0';
        return digit >= 0 && digit <= 9 ? next[state * 10 + digit] : DEAD;
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
                r -> new DigitPattern(new RegExp(translated, RegExp.NONE).toAutomaton()));
    }

    /**
     * The strings the pattern matches, as an automaton of the caller's own to combine with others
     * (dk.brics.automaton's operations may change their operands' internals).
     */
    synchronized Automaton language() {
        return language.clone();
    }

    /** Whether the whole of {@code digits} matches, as {@code Pattern.matches} would answer. */
    boolean matches(CharSequence digits) {
        int state = initial;
        for (int i = 0, n = digits.length(); i < n && state != DEAD; i++) {
            state = step(state, digits.charAt(i));
        }
        return state != DEAD && accept[state];
    }

    /**
     * Whether some start of {@code digits} from {@code from} on matches, as
     * {@code Pattern.matcher(digits).region(from, digits.length()).lookingAt()} would answer.
     */
    boolean matchesAStartOf(CharSequence digits, int from) {
        int state = initial;
        for (int i = from, n = digits.length(); !accept[state]; i++) {
            if (i == n || (state = step(state, digits.charAt(i))) == DEAD) {
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
