package com.allocationdesk.allocation.domain.commands;

import com.allocationdesk.allocation.domain.InvalidCommand;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Carry out one chunk of a file another system dropped in the inbox, exactly once: its commands
 * run in one unit of work, and the chunk's receipt (the file's content hash and the chunk's
 * number) commits with them. A chunk whose receipt is already stored changes nothing, so a file
 * dropped again, or taken again after a crash, never doubles anything (docs/EVENTS.md "Consumed:
 * the inbox folder").
 * <p>
 * The result is empty when the chunk had been taken before; otherwise it holds each command's own
 * result, in order. When one of the commands is refused, none of the chunk is carried out and no
 * receipt is stored.
 *
 * @param file        the file's name as it was dropped, for the planner (not part of its identity)
 * @param contentHash the SHA-256 of the file's bytes, 64 lower-case hex digits: the file's identity
 * @param chunk       the chunk's number in the file, from 0
 * @param last        whether this is the file's last chunk: once it is taken, the whole file is
 * @param commands    what the chunk does, in the file's order: only commands that change stock or
 *                    lines ({@link #TAKES})
 */
public record TakeInboxChunk(String file, String contentHash, int chunk, boolean last, List<Command<?>> commands)
        implements Command<Optional<List<Object>>> {
    /** The commands a chunk may carry: those another system may send (docs/EVENTS.md). */
    public static final List<Class<? extends Command<?>>> TAKES = List.of(CreateBatches.class, AllocateLines.class,
            Allocate.class, ChangeBatchQuantity.class, CancelLine.class, ChangeLineQuantity.class);
    /** Commands per chunk at most: a unit of work holds them all in memory. */
    public static final int MAX_COMMANDS = AllocateLines.MAX_LINES;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TakeInboxChunk {
        if (file == null || file.isBlank()) {
            throw new InvalidCommand("The file's name is required");
        }
        if (contentHash == null || !SHA256.matcher(contentHash).matches()) {
            throw new InvalidCommand("The file's content hash must be 64 lower-case hex digits (SHA-256), was '"
                    + contentHash + "'");
        }
        if (chunk < 0) {
            throw new InvalidCommand("The chunk number cannot be negative, was " + chunk);
        }
        if (commands == null || commands.isEmpty()) {
            throw new InvalidCommand("A chunk holds at least one command");
        }
        if (commands.size() > MAX_COMMANDS) {
            throw new InvalidCommand("A chunk holds at most " + MAX_COMMANDS + " commands, was " + commands.size());
        }
        for (Command<?> command : commands) {
            if (command == null || !TAKES.contains(command.getClass())) {
                throw new InvalidCommand("A chunk cannot carry "
                        + (command == null ? "nothing" : command.getClass().getSimpleName()));
            }
        }
        commands = List.copyOf(commands);
    }
}
