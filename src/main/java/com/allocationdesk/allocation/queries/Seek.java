package com.allocationdesk.allocation.queries;

import java.util.Objects;

/**
 * Where a page of a keyset listing starts: the first rows, the last rows, or the rows just after,
 * just before, or from (inclusive) a row's {@link Page.Key}. A page is read from an index in the
 * listing's order (or the reverse, for "before" and "last") starting at that key, so it costs the
 * same wherever it lies: no OFFSET skips rows.
 */
public record Seek(Kind kind, Page.Key key) {
    public enum Kind { FIRST, LAST, AFTER, BEFORE, FROM }

    public Seek {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FIRST || kind == Kind.LAST) != (key == null)) {
            throw new IllegalArgumentException(kind + (key == null ? " needs a key" : " takes no key"));
        }
    }

    public static Seek first() {
        return new Seek(Kind.FIRST, null);
    }

    public static Seek last() {
        return new Seek(Kind.LAST, null);
    }

    public static Seek after(Page.Key key) {
        return new Seek(Kind.AFTER, key);
    }

    public static Seek before(Page.Key key) {
        return new Seek(Kind.BEFORE, key);
    }

    /** From the row with this key on, that row included (a refresh of the page that starts there). */
    public static Seek from(Page.Key key) {
        return new Seek(Kind.FROM, key);
    }

    /** Whether the page is read in the listing's reverse order (then turned round). */
    boolean backwards() {
        return kind == Kind.LAST || kind == Kind.BEFORE;
    }
}
