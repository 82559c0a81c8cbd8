package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.LineMove;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a change to stock did to lines besides the one the planner named: the lines a shrinking
 * batch gave back and where each went ({@code moved}), and the waiting lines that stock set free
 * was given to ({@code served}). The planner is told this once, in the words of {@link #describe}.
 */
public record Consequences(List<LineMove> moved, List<Allocated> served) {
    /** Nothing moved, nobody served. */
    public static final Consequences NONE = new Consequences(List.of(), List.of());
    /** Lines named one by one in {@link #describe}, before "and N more". */
    private static final int NAMED = 5;

    public Consequences {
        moved = List.copyOf(moved);
        served = List.copyOf(served);
    }

    public boolean isEmpty() {
        return moved.isEmpty() && served.isEmpty();
    }

    /**
     * One sentence per kind of consequence, e.g. "3 lines moved off WH-CHAIR-01: 2 to SHIP-CHAIR-02,
     * 1 waits" (with "; 1 line stays in it" when a line it gave back fitted back in) and "2 waiting
     * lines placed: ORD-7 in B2, ORD-9 in B2"; empty when there were none.
     *
     * @param batchReference the batch whose change this was (named in the moves)
     */
    public List<String> describe(String batchReference) {
        List<String> sentences = new java.util.ArrayList<>();
        if (!moved.isEmpty()) {
            // where each line went: another batch or the queue (told last); a small line the batch
            // gave back may fit back in it once it is no longer over-allocated: that one did not move
            Map<String, Long> byDestination = new LinkedHashMap<>();
            moved.stream().filter(m -> !m.waits() && !m.toBatch().equals(batchReference))
                    .forEach(m -> byDestination.merge("to " + m.toBatch(), 1L, Long::sum));
            moved.stream().filter(LineMove::waits).forEach(m -> byDestination.merge("wait", 1L, Long::sum));
            int stayed = (int) moved.stream().filter(m -> !m.waits() && m.toBatch().equals(batchReference)).count();
            int left = moved.size() - stayed;
            String stays = stayed == 1 ? "1 line stays in " : stayed + " lines stay in ";
            if (left == 0) {
                sentences.add(stays + batchReference);
            } else {
                sentences.add(lines(left) + " moved off " + batchReference + ": " + byDestination.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 && e.getKey().equals("wait") ? "s" : ""))
                        .collect(Collectors.joining(", ")) + (stayed == 0 ? "" : "; " + stays + "it"));
            }
        }
        if (!served.isEmpty()) {
            String named = served.stream().limit(NAMED).map(a -> a.orderId() + " in " + a.batchReference())
                    .collect(Collectors.joining(", "));
            String more = served.size() > NAMED ? " and " + (served.size() - NAMED) + " more" : "";
            sentences.add((served.size() == 1 ? "1 waiting line" : served.size() + " waiting lines")
                    + " placed: " + named + more);
        }
        return sentences;
    }

    private static String lines(int count) {
        return count == 1 ? "1 line" : count + " lines";
    }
}
