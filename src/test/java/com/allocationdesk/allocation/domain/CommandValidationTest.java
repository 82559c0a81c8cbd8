package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CancelLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands refuse input that can never be valid, with messages a planner understands. */
class CommandValidationTest {
    @Test
    void trimsIds() {
        assertThat(new Allocate("  o1 ", " LAMP", 1)).isEqualTo(new Allocate("o1", "LAMP", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void refusesBlankIds(String blank) {
        assertThatThrownBy(() -> new Allocate(blank, "LAMP", 1))
                .isInstanceOf(InvalidCommand.class).hasMessage("Order id is required");
        assertThatThrownBy(() -> new CreateBatch("b1", blank, 1, null))
                .isInstanceOf(InvalidCommand.class).hasMessage("SKU is required");
    }

    /** Spaces that Character.isWhitespace does not count (no-break, figure, narrow), and invisible characters. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2007", "\u202F", "\u3000", "\u00A0\u2007\u202F", "\u200B", "\uFEFF",
            "\u200C\u200D", "\u2060", "\u3164", "\u115F\u1160", "\u2800", " \u00A0\t\u200B "})
    void refusesIdsOfOnlySpaceLikeOrInvisibleCharacters(String blank) {
        assertThatThrownBy(() -> new Allocate(blank, "LAMP", 1))
                .isInstanceOf(InvalidCommand.class).hasMessage("Order id is required");
        assertThatThrownBy(() -> new CreateBatch("b1", blank, 1, null))
                .isInstanceOf(InvalidCommand.class).hasMessage("SKU is required");
    }

    @Test
    void stripsNoBreakAndIdeographicSpacesAroundAnIdLikeOtherSpaces() {
        assertThat(new Allocate("\u00A0o1\u202F", "\u3000LAMP\u2007", 1)).isEqualTo(new Allocate("o1", "LAMP", 1));
        assertThat(new CreateBatch("b\u00A01", "LAMP", 1, null).reference()).isEqualTo("b\u00A01"); // inside: kept
    }

    @Test
    void refusesTheReplacementCharacterOfTextThatCouldNotBeDecoded() {
        assertThatThrownBy(() -> new Allocate("\uFFFD\uFFFD-100", "LAMP", 1))
                .isInstanceOf(InvalidCommand.class).hasMessageStartingWith("Order id contains U+FFFD");
    }

    @Test
    void refusesMissingIds() {
        assertThatThrownBy(() -> new CancelLine(null, "LAMP")).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> new ChangeBatchQuantity(null, 1)).hasMessage("Batch reference is required");
    }

    @Test
    void refusesIdsLongerThan64Characters() {
        assertThat(new Allocate("x".repeat(64), "LAMP", 1).orderId()).hasSize(64);
        assertThatThrownBy(() -> new Allocate("x".repeat(65), "LAMP", 1))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("too long: at most 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"o\u00001", "o\n1", "o\u001b[31m", "o\u200b1", "o\u2028x"})
    void refusesControlAndInvisibleCharacters(String id) {
        assertThatThrownBy(() -> new Allocate(id, "LAMP", 1))
                .isInstanceOf(InvalidCommand.class).hasMessage("Order id contains control characters");
    }

    @Test
    void acceptsOrdinaryNonAsciiIds() {
        assertThat(new Allocate("Bestellung-Ä1", "LAMPE-Grün", 1).sku()).isEqualTo("LAMPE-Grün");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesQuantitiesThatAreNotPositive(int quantity) {
        assertThatThrownBy(() -> new Allocate("o1", "LAMP", quantity))
                .isInstanceOf(InvalidCommand.class).hasMessageStartingWith("Quantity must be positive");
        assertThatThrownBy(() -> new CreateBatch("b1", "LAMP", quantity, null)).isInstanceOf(InvalidCommand.class);
    }

    @Test
    void refusesQuantitiesAboveTheMaximum() {
        assertThat(new Allocate("o1", "LAMP", 10_000_000).quantity()).isEqualTo(10_000_000);
        assertThatThrownBy(() -> new Allocate("o1", "LAMP", 10_000_001))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> new ChangeBatchQuantity("b1", Integer.MAX_VALUE)).hasMessageContaining("too large");
    }

    @Test
    void aBatchQuantityCanBeChangedToZeroButNotBelow() {
        assertThat(new ChangeBatchQuantity("b1", 0).quantity()).isZero();
        assertThatThrownBy(() -> new ChangeBatchQuantity("b1", -1))
                .isInstanceOf(InvalidCommand.class).hasMessage("Quantity cannot be negative, was -1");
    }

    @Test
    void acceptsPastEtasButNotAbsurdOnes() {
        assertThat(new CreateBatch("b1", "LAMP", 1, LocalDate.of(2020, 1, 1)).eta()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThatThrownBy(() -> new CreateBatch("b1", "LAMP", 1, LocalDate.of(20261, 1, 1)))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("not a plausible date");
    }
}
