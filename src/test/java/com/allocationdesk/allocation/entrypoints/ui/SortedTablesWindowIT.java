package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, defect 1: a click on a column header sorts every matching row, not the page on screen.
 * 1,000 allocations (five pages of 200) with quantities 1 to 97 spread over the orders, half of them
 * LAMP and half CHAIR.
 */
class SortedTablesWindowIT extends WindowFixture {
    static final int ROWS = 1_000;

    static int quantityOf(int i) {
        return (i * 37) % 97 + 1;
    }

    static String skuOf(int i) {
        return i % 2 == 0 ? "LAMP" : "CHAIR";
    }

    @BeforeEach
    void thousandAllocations() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-LAMP", "LAMP", 100_000, null));
        bus.handle(new CreateBatch("B-CHAIR", "CHAIR", 100_000, null));
        bus.handle(new AllocateLines(IntStream.range(0, ROWS)
                .mapToObj(i -> new Allocate("O-%04d".formatted(i), skuOf(i), quantityOf(i))).toList()));
        showAllocations();
        waitUntil("the first page shows", () -> allocationRows().size() == 200);
    }

    @Test
    void quantityDescendingPutsTheLargestOnPageOneAndTheSmallestOnTheLastPage() {
        List<Integer> all = IntStream.range(0, ROWS).map(SortedTablesWindowIT::quantityOf).boxed()
                .sorted(Comparator.reverseOrder()).toList();

        sortQuantityDescending();

        assertThat(quantities()).containsExactlyElementsOf(all.subList(0, 200));
        assertThat(text("#pageLabel")).isEqualTo("Rows 1–200 of 1,000");
        clickOn("#lastPageButton");
        waitUntil("the last page shows", () -> text("#pageLabel").equals("Rows 801–1,000 of 1,000"));
        assertThat(quantities()).containsExactlyElementsOf(all.subList(800, 1_000));
        assertThat(quantityColumn().getSortType()).as("the header keeps its arrow").isEqualTo(TableColumn.SortType.DESCENDING);
        clickOn("#previousPageButton");
        waitUntil("the page before shows", () -> text("#pageLabel").equals("Rows 601–800 of 1,000"));
        assertThat(quantities()).containsExactlyElementsOf(all.subList(600, 800));
    }

    @Test
    void withAFilterTheSortCoversEveryFilteredRow() {
        List<Integer> chairs = IntStream.range(0, ROWS).filter(i -> skuOf(i).equals("CHAIR"))
                .map(SortedTablesWindowIT::quantityOf).boxed().sorted(Comparator.reverseOrder()).toList();
        fill("#skuFilterField", "cha");
        waitUntil("the filter applies", () -> text("#pageLabel").equals("Rows 1–200 of 500"));

        sortQuantityDescending();

        assertThat(quantities()).containsExactlyElementsOf(chairs.subList(0, 200));
        assertThat(allocationRows()).extracting(AllocationRow::sku).containsOnly("CHAIR");
        clickOn("#lastPageButton");
        waitUntil("the last page shows", () -> text("#pageLabel").equals("Rows 301–500 of 500"));
        assertThat(quantities()).containsExactlyElementsOf(chairs.subList(300, 500));
    }

    @Test
    void theSortTheFilterAndTheTabAreShownSoAgainAfterARestart() throws Exception {
        fill("#skuFilterField", "*air");
        sortQuantityDescending();
        waitUntil("the filter applies", () -> text("#pageLabel").equals("Rows 1–200 of 500"));

        FxToolkit.cleanupApplication(app); // the window closes: stop() saves the settings
        FxToolkit.cleanupStages();
        openWindow();

        waitUntil("the Allocations tab is shown again", () -> find("#allocationsTable").map(Node::isVisible).orElse(false));
        assertThat(text("#skuFilterField")).isEqualTo("*air");
        waitUntil("its first page shows", () -> text("#pageLabel").equals("Rows 1–200 of 500"));
        assertThat(quantityColumn().getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(table("#allocationsTable").getSortOrder().stream().map(c -> c.getId()).toList()).containsExactly("quantityColumn");
        assertThat(quantities().get(0)).isEqualTo(97);
        assertThat(allocationRows()).extracting(AllocationRow::sku).containsOnly("CHAIR");
    }

    private void sortQuantityDescending() {
        Node header = lookup("#allocationsTable .column-header").match(n -> n.getId() != null
                && n.getId().equals(quantityColumn().getId())).query();
        clickOn(header);
        waitForRows();
        clickOn(header);
        waitUntil("the quantities sort descending", () -> quantityColumn().getSortType() == TableColumn.SortType.DESCENDING
                && !quantities().isEmpty() && quantities().get(0) == 97);
    }

    private void waitForRows() {
        waitUntil("rows show", () -> !allocationRows().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private TableColumn<AllocationRow, ?> quantityColumn() {
        return (TableColumn<AllocationRow, ?>) table("#allocationsTable").getColumns().stream()
                .filter(c -> "quantityColumn".equals(c.getId())).findFirst().orElseThrow();
    }

    private List<Integer> quantities() {
        return allocationRows().stream().map(AllocationRow::quantity).toList();
    }
}
