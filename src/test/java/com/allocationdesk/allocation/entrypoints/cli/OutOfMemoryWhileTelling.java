package com.allocationdesk.allocation.entrypoints.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A child JVM's main for {@code LastResortIT}: the command line runs out of memory, and runs out
 * again while it tells the planner so (its stderr fails with an {@link OutOfMemoryError}), as
 * {@code Main} would meet it. The planner must still get the one line.
 */
public final class OutOfMemoryWhileTelling {
    private OutOfMemoryWhileTelling() {
    }

    public static void main(String[] args) {
        Writer outOfMemoryToo = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                throw new OutOfMemoryError("Java heap space (while telling)");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int code;
        try {
            code = LastResort.outOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(outOfMemoryToo, true));
        } catch (Throwable escaped) { // as Main's last catch
            code = LastResort.escaped(escaped);
        }
        System.exit(code);
    }
}
