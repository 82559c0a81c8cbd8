package com.allocationdesk.allocation.entrypoints.ui.connections;

import com.allocationdesk.allocation.bootstrap.AppConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The desk's two folders for other systems (README "Connecting the desk to other systems"): the
 * outbox it publishes the ledger to, and the inbox other systems drop files into. Each is named by
 * the window's option, else its environment variable, else the saved settings (Tools ▸ Connections…).
 */
public enum Connection {
    OUTBOX("Outbox", "outbox", "--outbox", AppConfig.OUTBOX_ENV, AppConfig::outbox),
    INBOX("Inbox", "inbox", "--inbox", AppConfig.INBOX_ENV, AppConfig::inbox);

    private final String title;
    private final String word;
    private final String option;
    private final String environmentVariable;
    private final BiFunction<String, Map<String, String>, Optional<Path>> resolve;

    Connection(String title, String word, String option, String environmentVariable,
               BiFunction<String, Map<String, String>, Optional<Path>> resolve) {
        this.title = title;
        this.word = word;
        this.option = option;
        this.environmentVariable = environmentVariable;
        this.resolve = resolve;
    }

    /** "Outbox", "Inbox": how a sentence about it starts. */
    public String title() {
        return title;
    }

    /** "outbox", "inbox": inside a sentence, and the prefix of its keys in the settings file. */
    public String word() {
        return word;
    }

    /** The window's option: {@code --outbox}, {@code --inbox}. */
    public String option() {
        return option;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /**
     * The folder the option (when not null) or else the environment names ({@link AppConfig#outbox},
     * {@link AppConfig#inbox}); empty when neither does.
     *
     * @throws IllegalArgumentException with a planner's message when the value is not a path
     */
    Optional<Path> folder(String optionOrNull, Map<String, String> env) {
        return resolve.apply(optionOrNull, env);
    }
}
