package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.domain.commands.Validation;

import java.io.PrintWriter;
import java.util.List;

/**
 * The one way the command line writes a message to the planner's terminal (stderr). Messages
 * quote what the planner typed or what a file holds, so control and invisible characters in them
 * are shown escaped (<code>&#92;u001B</code>) instead of being sent raw: an ESC sequence in a field would
 * otherwise clear or recolour the terminal, a NUL or a zero-width character would hide text.
 */
final class Terminal {
    private Terminal() {
    }

    /** Prints the message as one line (line breaks inside it become spaces), escaped. */
    static void tell(PrintWriter err, String message) {
        err.println(printable(oneLine(message)));
        err.flush();
    }

    /** Prints one line per entry (e.g. one per bad CSV row), each escaped; a line break inside one is escaped too. */
    static void tell(PrintWriter err, List<String> lines) {
        for (String line : lines) {
            err.println(printable(line));
        }
        err.flush();
    }

    /** The text with every control or invisible character written as <code>&#92;uXXXX</code>. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        if (text.codePoints().noneMatch(Terminal::unprintable)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(codePoint -> {
            if (!unprintable(codePoint)) {
                escaped.appendCodePoint(codePoint);
            } else if (codePoint <= 0xFFFF) {
                escaped.append(String.format("\\u%04X", codePoint));
            } else {
                escaped.append(String.format("\\U%06X", codePoint));
            }
        });
        return escaped.toString();
    }

    /**
     * The ids' own rule ({@link Validation#isControlOrInvisible}), plus what looks like a space but
     * is not one (a no-break space would otherwise pass for a blank) and U+FFFD, the mark of text
     * that could not be read.
     */
    private static boolean unprintable(int codePoint) {
        return Validation.isControlOrInvisible(codePoint)
                || (codePoint != ' ' && Validation.isSpaceLike(codePoint))
                || codePoint == Validation.REPLACEMENT_CHARACTER;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
