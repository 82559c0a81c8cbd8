package com.allocationdesk.allocation.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a folder and the SHA-256 of its bytes: how the suite proves "no file changed". */
final class FileSums {
    private FileSums() {
    }

    /** File name (relative to the folder) to SHA-256; sub-folders (HSQLDB's NAME.tmp) as "folder". */
    static Map<String, String> of(Path folder) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> !f.equals(folder)).forEach(f -> {
                if (Files.isDirectory(f)) {
                    sums.put(folder.relativize(f) + "/", "folder");
                    return;
                }
                try {
                    sums.put(folder.relativize(f).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return sums;
    }
}
