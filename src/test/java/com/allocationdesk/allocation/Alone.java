package com.allocationdesk.allocation;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test whose assertions are about time (a refusal within 2 s, an FX-thread answer
 * within 100 ms, a publish woken before its period): failsafe runs it in its own execution, after
 * the others and one class at a time, so no second test JVM competes with it for the two cores.
 * The other integration tests run in two JVMs at once (pom.xml, failsafe's {@code shared}
 * execution; docs/decisions/0020).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Alone.TAG)
public @interface Alone {
    /** The JUnit tag the pom selects on. */
    String TAG = "alone";
}
