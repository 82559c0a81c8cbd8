package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.domain.commands.Validation;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules every command-line argument meets, whatever option or parameter it is, before a
 * subcommand runs.
 * <ul>
 *   <li><b>Readable in the terminal's encoding.</b> The JVM decodes {@code argv} with the
 *       encoding of the locale ({@code sun.jnu.encoding}). Bytes that are not text in it reach us
 *       as U+FFFD: with no locale at all (no {@code LANG}, as under cron) every non-ASCII byte
 *       does, so {@code Ä-100} and {@code Ö-100} would both become {@code ��-100}. Such an argument
 *       is refused with the advice to use a UTF-8 locale. Java 17 on Linux and macOS never gives
 *       {@code '?'} for an undecodable byte (measured in {@code LocaleIT}), so a {@code '?'} there
 *       is one the planner typed. On Windows a code page that is not UTF-8 turns what it cannot
 *       show into {@code '?'}, so there an argument with {@code '?'} is refused too.</li>
 *   <li><b>An option's value is never blank.</b> {@code --db ''} or {@code --eta ' '} is a
 *       mistake (an unset shell variable), not "option not given".</li>
 * </ul>
 */
final class Arguments {
    /** What the refusal of unreadable arguments tells the planner to do. */
    static final String USE_UTF8 = "use a UTF-8 locale, e.g. LANG=C.UTF-8";

    private Arguments() {
    }

    /** How this JVM decodes its arguments. */
    record Decoding(String encoding, boolean windows) {
        static Decoding ofThisJvm() {
            String encoding = System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
            return new Decoding(encoding, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
        }

        boolean isUtf8() {
            try {
                return Charset.forName(encoding).equals(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** True when a '?' in an argument may stand for a character the JVM could not decode. */
        boolean questionMarkMayBeMangled() {
            return windows && !isUtf8();
        }
    }

    /** The one-line refusal when an argument was not readable text in the terminal's encoding; empty when all are. */
    static Optional<String> unreadable(List<String> args, Decoding decoding) {
        for (String arg : args) {
            if (arg.indexOf(Validation.REPLACEMENT_CHARACTER) >= 0
                    || (decoding.questionMarkMayBeMangled() && arg.indexOf('?') >= 0)) {
                return Optional.of("The argument '" + shortened(arg) + "' is not readable text in this terminal's character set ("
                        + decoding.encoding() + "): " + USE_UTF8 + " (see README, \"Terminal and locale\"). Nothing was changed");
            }
        }
        return Optional.empty();
    }

    /** At most 40 characters of an argument, for a one-line message. */
    private static String shortened(String arg) {
        return arg.codePointCount(0, arg.length()) <= 40 ? arg : arg.substring(0, arg.offsetByCodePoints(0, 40)) + "...";
    }

    static Optional<String> unreadable(List<String> args) {
        return unreadable(args, Decoding.ofThisJvm());
    }

    /** Refuses an option given with an empty or blank value, on the command and every subcommand parsed. */
    static void refuseBlankOptionValues(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            for (OptionSpec option : result.matchedOptions()) {
                if (option.arity().max() == 0) {
                    continue; // a flag: no value
                }
                for (String value : option.originalStringValues()) {
                    if (value.codePoints().allMatch(Validation::isSpaceLike)) {
                        throw new ParameterException(result.commandSpec().commandLine(),
                                option.longestName() + " needs a value, was '" + value + "'");
                    }
                }
            }
        }
    }

    /** {@code --chunk}: rows per transaction of an import, 1 to {@value #MAX_CHUNK}. */
    static final class ChunkSize implements ITypeConverter<Integer> {
        static final int MAX_CHUNK = 100_000;

        @Override
        public Integer convert(String text) {
            String number = text.strip();
            if (number.matches("[0-9]{1,6}")) {
                int chunk = Integer.parseInt(number);
                if (chunk >= 1 && chunk <= MAX_CHUNK) {
                    return chunk;
                }
            }
            throw new TypeConversionException("rows per chunk must be a whole number from 1 to " + MAX_CHUNK
                    + ", was '" + text + "'");
        }
    }
}
