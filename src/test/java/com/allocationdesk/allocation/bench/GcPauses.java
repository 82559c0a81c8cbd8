package com.allocationdesk.allocation.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collections of this JVM while listening, each as start and end on the {@link System#nanoTime}
 * clock (converted from the JVM uptime the notification gives). Concurrent cycles are reported by
 * G1 too; only the pauses ("end of minor/major GC", not "end of concurrent GC") stop the FX thread.
 */
final class GcPauses implements AutoCloseable {
    private record Pause(long startNanos, long endNanos) {
    }

    private final List<Pause> pauses = new ArrayList<>();
    private final List<Runnable> removers = new ArrayList<>();
    private final long nanosAtUptimeZero;

    private GcPauses() {
        nanosAtUptimeZero = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
    }

    static GcPauses listen() {
        GcPauses gc = new GcPauses();
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            if (info.getGcAction().contains("concurrent")) {
                return;
            }
            long start = gc.nanosAtUptimeZero + info.getGcInfo().getStartTime() * 1_000_000;
            long end = gc.nanosAtUptimeZero + info.getGcInfo().getEndTime() * 1_000_000;
            synchronized (gc.pauses) {
                gc.pauses.add(new Pause(start, end));
            }
        };
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                gc.removers.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        return gc;
    }

    double longestMillis() {
        synchronized (pauses) {
            return pauses.stream().mapToLong(p -> p.endNanos() - p.startNanos()).max().orElse(0) / 1e6;
        }
    }

    /** Pause time overlapping [from, to] (nanoTime), in ms; the uptime clock has millisecond steps. */
    double pausedMillisBetween(long from, long to) {
        synchronized (pauses) {
            long total = 0;
            for (Pause p : pauses) {
                total += Math.max(0, Math.min(to, p.endNanos()) - Math.max(from, p.startNanos()));
            }
            return total / 1e6;
        }
    }

    @Override
    public void close() {
        removers.forEach(Runnable::run);
    }
}
