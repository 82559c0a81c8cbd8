package com.allocationdesk.allocation.entrypoints.imports;

/**
 * How far an import is. Called on the importing thread: after every checked row while the whole
 * file is checked, then after every chunk sent.
 */
public interface ImportProgress {
    /** Reports nothing. */
    ImportProgress NONE = new ImportProgress() { };

    /** {@code rows} rows of the file have been checked so far (the total is not known yet). */
    default void checked(long rows) {
    }

    /** {@code rows} of the file's {@code total} rows have been imported (committed). */
    default void imported(long rows, long total) {
    }
}
