package com.allocationdesk.allocation.queries;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a planner's filter text means, for the few rows filtered in memory rather than in SQL (the
 * lines of one order, say); the queries' SQL form is {@code Sql.matching}: blank matches everything,
 * text without {@code *} is the start of the value, {@code *} stands for any characters, and case
 * never matters.
 */
public final class TextFilter {
    private TextFilter() {
    }

    public static boolean matches(String filter, String value) {
        if (Sql.isBlank(filter)) {
            return true;
        }
        String text = filter.strip().toUpperCase(Locale.ROOT);
        String regex = String.join(".*", Arrays.stream(text.split("\\*", -1)).map(Pattern::quote).toList()) + ".*";
        return Pattern.compile(regex, Pattern.DOTALL).matcher(value.toUpperCase(Locale.ROOT)).matches();
    }
}
