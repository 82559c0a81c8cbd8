package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.queries.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How the planner left the window's tables, kept with the window placement ({@code window.properties}
 * beside the database, {@link WindowPlacement}) so the next start shows them so again: each table's
 * sort column and direction ({@code allocations.sort=QUANTITY DESCENDING}), its filters
 * ({@code allocations.filter.sku=lam}) and the last tab shown ({@code window.tab}). Read when the
 * window starts; changes are kept in memory and written when the window closes ({@link #save}), as
 * the placement is. Used on the FX thread.
 */
@ApplicationScoped
public class ViewSettings {
    public static final String TAB = "window.tab";

    private final WindowPlacement file;
    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> changed = new TreeMap<>();

    @Inject
    public ViewSettings(AppConfig config) {
        this(WindowPlacement.besides(config.databasePath()));
    }

    /** The settings in this placement's file; null: none, never written (tests of a single view model). */
    public ViewSettings(WindowPlacement file) {
        this.file = file;
        if (file != null) {
            Properties properties = file.load();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        }
    }

    /** Settings that start empty and are never written. */
    public static ViewSettings none() {
        return new ViewSettings((WindowPlacement) null);
    }

    public String get(String key, String otherwise) {
        return values.getOrDefault(key, otherwise);
    }

    public void put(String key, String value) {
        String text = value == null ? "" : value;
        if (!text.equals(values.get(key))) {
            values.put(key, text);
            changed.put(key, text);
        }
    }

    /** Sets the text property from the setting {@code key} (when there is one), then keeps the setting equal to it. */
    public void remember(String key, Property<String> property) {
        String saved = values.get(key);
        if (saved != null) {
            property.setValue(saved);
        }
        property.addListener((obs, old, now) -> put(key, now));
    }

    /** The same for a table's sort: a saved sort naming no column of {@code type} is ignored. */
    public <C extends Enum<C>> void rememberSort(String key, Class<C> type, ObjectProperty<Sort<C>> sort) {
        sort.set(Sort.parse(type, values.get(key), sort.get()));
        sort.addListener((obs, old, now) -> put(key, now.text()));
    }

    /** Writes the settings changed since the start (the file's other keys stay). */
    public void save() {
        if (file != null && !changed.isEmpty()) {
            file.update(changed);
            changed.clear();
        }
    }
}
