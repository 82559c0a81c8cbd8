package com.allocationdesk.allocation.entrypoints.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The external sort that finds keys repeated in an import file, against a HashMap of every key. */
class DuplicateKeysTest {
    @TempDir
    Path dir;

    private record Found(String key, long line, long firstLine, boolean alsoBad) {
    }

    private List<Found> run(long runBytes, List<String> keys, int[] runsOnDisk) {
        List<Found> found = new ArrayList<>();
        Scratch scratch = new Scratch(dir, "desk.import-");
        try (DuplicateKeys duplicates = new DuplicateKeys(scratch, dir.resolve("file.csv"), runBytes)) {
            for (int i = 0; i < keys.size(); i++) {
                duplicates.add(keys.get(i), i + 2L, i % 7 == 0);
            }
            duplicates.forEachDuplicate((key, line, firstLine, alsoBad) -> found.add(new Found(key, line, firstLine, alsoBad)));
            runsOnDisk[0] = duplicates.runsOnDisk();
        }
        return found;
    }

    private static List<Found> expected(List<String> keys) {
        Map<String, Long> first = new HashMap<>();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Long seen = first.putIfAbsent(keys.get(i), i + 2L);
            if (seen != null) {
                found.add(new Found(keys.get(i), i + 2L, seen, i % 7 == 0));
            }
        }
        return found;
    }

    private static List<String> randomKeys(int count, int distinct, long seed) {
        Random random = new Random(seed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add("o" + random.nextInt(distinct) + "\u0000SKU-" + random.nextInt(3));
        }
        return keys;
    }

    @Test
    void keysThatFitInMemoryAreComparedWithoutTouchingTheDisk() throws IOException {
        List<String> keys = randomKeys(5_000, 4_000, 1);
        int[] runs = {0};
        List<Found> found = run(DuplicateKeys.RUN_BYTES, keys, runs);
        assertThat(runs[0]).isZero();
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected(keys)).isNotEmpty();
        assertThat(scratchFiles()).isEmpty();
    }

    @Test
    void manyRunsOnDiskAreMergedIntoTheSameAnswerAndDeletedAfterwards() throws IOException {
        // about 100 entries per run, 20,000 entries: 200 runs, more than FAN_IN, so runs are merged twice
        List<String> keys = randomKeys(20_000, 15_000, 2);
        int[] runs = {0};
        List<Found> found = run(100 * 120L, keys, runs);
        assertThat(runs[0]).isGreaterThan(1).isLessThanOrEqualTo(DuplicateKeys.FAN_IN + 1);
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected(keys)).hasSizeGreaterThan(1_000);
        assertThat(scratchFiles()).as("runs deleted on close").isEmpty();
    }

    @Test
    void aKeyRepeatedManyTimesPointsEveryRepeatAtTheFirstLine() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(i % 3 == 0 ? "same" : "k" + i);
        }
        List<Found> found = run(50 * 120L, keys, new int[1]);
        assertThat(found).hasSize(999).allSatisfy(f -> {
            assertThat(f.key()).isEqualTo("same");
            assertThat(f.firstLine()).isEqualTo(2);
        });
    }

    private List<Path> scratchFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("desk.import-")).toList();
        }
    }
}
