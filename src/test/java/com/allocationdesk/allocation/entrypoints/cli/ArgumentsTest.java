package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.entrypoints.cli.Arguments.Decoding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every argument meets ({@link Arguments}) and how the terminal shows what they quote ({@link Terminal}). */
class ArgumentsTest {
    private static final Decoding NO_LOCALE = new Decoding("ANSI_X3.4-1968", false);
    private static final Decoding UTF8 = new Decoding("UTF-8", false);
    private static final Decoding WINDOWS_CP1252 = new Decoding("Cp1252", true);

    @Test
    void anArgumentWithAReplacementCharacterIsRefusedInEveryLocaleWithTheAdvice() {
        for (Decoding decoding : List.of(NO_LOCALE, UTF8, WINDOWS_CP1252)) {
            assertThat(Arguments.unreadable(List.of("allocate", "\uFFFD\uFFFD-100", "SKU", "1"), decoding))
                    .get().asString()
                    .contains("'\uFFFD\uFFFD-100'", decoding.encoding(), "LANG=C.UTF-8").doesNotContain("\n");
        }
    }

    @Test
    void aLongUnreadableArgumentIsQuotedShortened() {
        String message = Arguments.unreadable(List.of("\uFFFD" + "x".repeat(5000)), NO_LOCALE).orElseThrow();
        assertThat(message).contains("'\uFFFD" + "x".repeat(39) + "...'").hasSizeLessThan(250);
    }

    @Test
    void readableArgumentsPassInEveryLocaleAndAQuestionMarkIsTypedTextExceptUnderAWindowsCodePage() {
        List<String> typed = List.of("allocate", "Ä-100", "what?", "1");
        assertThat(Arguments.unreadable(typed, NO_LOCALE)).isEmpty();
        assertThat(Arguments.unreadable(typed, UTF8)).isEmpty();
        assertThat(Arguments.unreadable(typed, new Decoding("UTF-8", true))).isEmpty();
        assertThat(Arguments.unreadable(typed, WINDOWS_CP1252)).get().asString().contains("'what?'");
        assertThat(Arguments.unreadable(List.of("allocate", "o1", "LAMP", "1"), WINDOWS_CP1252)).isEmpty();
    }

    @Test
    void thisJvmDecodesItsArgumentsAsItsPropertiesSay() {
        Decoding decoding = Decoding.ofThisJvm();
        assertThat(decoding.encoding()).isEqualTo(System.getProperty("sun.jnu.encoding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "500", " 50 ", "100000"})
    void aChunkIsOneToAHundredThousandRows(String text) {
        assertThat(new Arguments.ChunkSize().convert(text)).isEqualTo(Integer.parseInt(text.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100001", "2147483647", "99999999999", "", " ", "ten", "\u0665"})
    void anyOtherChunkIsRefusedInPlainWords(String text) {
        assertThatThrownBy(() -> new Arguments.ChunkSize().convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("rows per chunk must be a whole number from 1 to 100000, was '" + text + "'");
    }

    @Test
    void theTerminalShowsSpacesThatAreNotSpacesAndReplacementCharactersEscaped() {
        assertThat(Terminal.printable("a b\u00A0c\u3000d\u202Fe\uFFFD\u200B")).isEqualTo("a b\\u00A0c\\u3000d\\u202Fe\\uFFFD\\u200B");
        assertThat(Terminal.printable("Ä-100 Grün")).isEqualTo("Ä-100 Grün");
    }
}
