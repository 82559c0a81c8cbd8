package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.queries.Page;
import com.allocationdesk.allocation.queries.Seek;
import com.allocationdesk.allocation.queries.Sort;
import com.allocationdesk.allocation.queries.SortedListing;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One table's rows, a page at a time, sorted and filtered in SQL over every matching row: the view
 * model owns the sort ({@link #sortProperty}: a header click sets it, see {@link SortedColumns}) and
 * the filter; this reads the page the planner asks for by key ({@link Seek}: first, after the last
 * row shown, before the first row shown, the last), so page 500 costs what page 1 costs, and keeps
 * the pager's text true ("Rows 1–200 of 19,868"). A refresh re-reads the page from its first row and
 * counts the rows before it. Used on the FX thread; the queries run through the {@link Reloader}.
 *
 * @param <T> what the count query returns (a count, or a count with a sum for a summary line)
 */
public final class TablePager<R, C extends Enum<C>, F, T> {
    /** What one load read: the page, where it starts, and the totals of every matching row. */
    public record Loaded<R, C extends Enum<C>, F, T>(F filter, Sort<C> sort, Page<R> page, int position, int total, T totals) {
    }

    private record Request<F, C extends Enum<C>>(F filter, Sort<C> sort, Seek seek, int basePosition, int baseSize) {
    }

    private final int pageSize;
    private final SortedListing<R, C, F> listing;
    private final Function<F, T> totalsOf;
    private final ToIntFunction<T> rowsOf;
    private final Supplier<F> filter;
    private final ObjectProperty<Sort<C>> sort;
    private final ObservableList<R> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total", 0);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious", false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext", false);
    private final Reloader<Loaded<R, C, F, T>> reloader;
    private volatile Request<F, C> request;
    private Page<R> shown = new Page<>(List.of(), null, null);
    private Sort<C> shownSort;
    private int position;

    /**
     * {@code listing}: the table's query; {@code totalsOf}: the count query (with what else the view
     * tells of all matching rows), {@code rowsOf} the count in it; {@code filter}: the filters as they
     * stand (asked on the FX thread); {@code onLoaded}: after the rows are shown.
     */
    public TablePager(BackgroundRunner runner, int pageSize, Sort<C> defaultSort, SortedListing<R, C, F> listing,
                      Function<F, T> totalsOf, ToIntFunction<T> rowsOf, Supplier<F> filter,
                      Consumer<Loaded<R, C, F, T>> onLoaded, Consumer<Throwable> failed) {
        this.pageSize = pageSize;
        this.listing = listing;
        this.totalsOf = totalsOf;
        this.rowsOf = rowsOf;
        this.filter = filter;
        this.sort = new SimpleObjectProperty<>(this, "sort", defaultSort);
        this.reloader = new Reloader<>(runner, this::load, loaded -> {
            show(loaded);
            onLoaded.accept(loaded);
        }, failed);
        sort.addListener((obs, old, now) -> {
            if (now == null) {
                sort.set(defaultSort);
            } else {
                first();
            }
        });
    }

    /** Reloads asked for while {@code shown} is false wait until it turns true ({@link Reloader#onlyWhileShown}). */
    public void onlyWhileShown(ObservableValue<Boolean> shownNow) {
        reloader.onlyWhileShown(shownNow);
    }

    /** The table's sort; setting it shows the first page in the new order. */
    public ObjectProperty<Sort<C>> sortProperty() {
        return sort;
    }

    /** Re-reads the page shown (from its first row), or the first page when none is shown. */
    public void reload() {
        go(shown.first() == null ? Seek.first() : Seek.from(shown.first()));
    }

    public void first() {
        go(Seek.first());
    }

    public void next() {
        if (canNext.get()) {
            go(Seek.after(shown.last()));
        }
    }

    public void previous() {
        if (canPrevious.get()) {
            go(Seek.before(shown.first()));
        }
    }

    public void last() {
        go(Seek.last());
    }

    private void go(Seek seek) {
        if (seek.key() != null && !sort.get().equals(shownSort)) {
            seek = Seek.first(); // a key seeks only in the sort it was read in
        }
        request = new Request<>(filter.get(), sort.get(), seek, position, shown.rows().size());
        reloader.reload();
    }

    /** Off the FX thread: reads the asked page and the totals. */
    private Loaded<R, C, F, T> load() {
        Request<F, C> asked = request;
        T totals = totalsOf.apply(asked.filter());
        int count = rowsOf.applyAsInt(totals);
        Page<R> page = listing.page(asked.filter(), asked.sort(), asked.seek(), pageSize);
        int at = switch (asked.seek().kind()) {
            case FIRST -> 0;
            case LAST -> Math.max(0, count - page.rows().size());
            case AFTER -> asked.basePosition() + asked.baseSize();
            case BEFORE -> asked.basePosition() - page.rows().size();
            case FROM -> page.isEmpty() ? 0 : listing.countBefore(asked.filter(), asked.sort(), page.first());
        };
        boolean pastTheEnd = page.isEmpty() && asked.seek().kind() != Seek.Kind.FIRST && asked.seek().kind() != Seek.Kind.LAST;
        if (pastTheEnd) { // the rows after (or from) the key are gone: the last page
            page = listing.page(asked.filter(), asked.sort(), Seek.last(), pageSize);
            at = Math.max(0, count - page.rows().size());
        } else if (asked.seek().kind() == Seek.Kind.BEFORE && (page.rows().size() < pageSize || at < 0)) {
            page = listing.page(asked.filter(), asked.sort(), Seek.first(), pageSize); // the start: a full first page
            at = 0;
        }
        return new Loaded<>(asked.filter(), asked.sort(), page, at, count, totals);
    }

    private void show(Loaded<R, C, F, T> loaded) {
        shown = loaded.page();
        shownSort = loaded.sort();
        position = loaded.position();
        rows.setAll(loaded.page().rows());
        total.set(loaded.total());
        int size = loaded.page().rows().size();
        canPrevious.set(position > 0);
        canNext.set(position + size < loaded.total());
        pageText.set(size == 0 ? "" : "Rows " + DisplayFormats.number(position + 1L) + "–"
                + DisplayFormats.number((long) position + size) + " of " + DisplayFormats.number(loaded.total()));
    }

    public ObservableList<R> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** "Rows 201–400 of 19,868"; empty when nothing matches. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }
}
