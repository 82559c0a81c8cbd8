package com.allocationdesk.allocation.queries;

import java.util.function.Consumer;

/**
 * What a table of the window shows, as its query offers it: the rows matching a filter {@code F} in
 * a sort by one of the columns {@code C}, a page at a time ({@link Keyset}) or all of them streamed.
 */
public interface SortedListing<R, C extends Enum<C>, F> {
    /** At most {@code limit} matching rows in the sort, where {@code seek} says. */
    Page<R> page(F filter, Sort<C> sort, Seek seek, int limit);

    /** How many matching rows come before the row with {@code key} in the sort. */
    int countBefore(F filter, Sort<C> sort, Page.Key key);

    /** Every matching row in the sort, streamed row by row: what the table shows, all pages. */
    void forEach(F filter, Sort<C> sort, Consumer<R> consumer);
}
