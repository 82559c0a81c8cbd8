package com.allocationdesk.allocation.entrypoints.imports;

/** One bad row of an import file. */
public record ImportProblem(long line, String message) {
    /** "line 3: Quantity must be a whole number, was 'ten'" (the header is line 1). */
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
