package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Properties;

/**
 * How the window writes numbers, dates and timestamps: numbers grouped for the planner's locale
 * (66,096, as the pager counts), an ETA in the past flagged "late", and every timestamp in the one
 * date/time format the planner chose (View ▸ Date and time format), kept in
 * {@code window-display.properties} next to the database, beside the window's placement.
 */
@ApplicationScoped
public class DisplayFormats {
    private static final Logger log = LoggerFactory.getLogger(DisplayFormats.class);
    static final String FILE = "window-display.properties";
    private static final String KEY = "dateTime";

    /** The formats a planner can choose for timestamps. */
    public enum DateTime {
        LOCALE("Your locale's (" + example(localized()) + ")", localized()),
        ISO("ISO, year first (2027-01-31 14:05)", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)),
        DAY_FIRST("Day first (31/01/2027 14:05)", DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT));

        private final String label;
        private final DateTimeFormatter formatter;

        DateTime(String label, DateTimeFormatter formatter) {
            this.label = label;
            this.formatter = formatter.withZone(ZoneId.systemDefault());
        }

        /** {@code at} in this format; "" for none. */
        public String format(Instant at) {
            return at == null ? "" : formatter.format(at);
        }

        /** How the menu names it. */
        public String label() {
            return label;
        }

        private static DateTimeFormatter localized() {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);
        }

        private static String example(DateTimeFormatter formatter) {
            return formatter.format(java.time.LocalDateTime.of(2027, 1, 31, 14, 5));
        }
    }

    private final Path file;
    private final ObjectProperty<DateTime> dateTime = new SimpleObjectProperty<>(this, "dateTime", DateTime.LOCALE);

    @Inject
    public DisplayFormats(AppConfig config) {
        this(besides(config.databasePath()));
    }

    /** Formats whose setting lives in {@code file} (read now; written when the setting changes). */
    public DisplayFormats(Path file) {
        this.file = file;
        dateTime.set(load());
        dateTime.addListener((obs, old, now) -> save(now));
    }

    private static Path besides(Path databasePath) {
        Path parent = databasePath.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve(FILE);
    }

    /** The chosen timestamp format; a change is saved at once and every view redraws its timestamps. */
    public ObjectProperty<DateTime> dateTimeProperty() {
        return dateTime;
    }

    /** A timestamp in the chosen format ("" for none). */
    public String timestamp(Instant at) {
        return dateTime.get().format(at);
    }

    /** A whole number grouped for the planner's locale: 66,096. */
    public static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.getDefault(Locale.Category.FORMAT)).format(value);
    }

    /** Whether an ETA lies before {@code today}: the shipment is late (allowed, but told). */
    public static boolean late(LocalDate eta, LocalDate today) {
        return eta != null && eta.isBefore(today);
    }

    /** An ETA as the tables show it: "in warehouse", the date, or the date and "late" when it is past. */
    public static String eta(LocalDate eta, LocalDate today) {
        if (eta == null) {
            return "in warehouse";
        }
        return late(eta, today) ? eta + " · late" : eta.toString();
    }

    private DateTime load() {
        if (!Files.isRegularFile(file)) {
            return DateTime.LOCALE;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return DateTime.valueOf(properties.getProperty(KEY, DateTime.LOCALE.name()));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring the unreadable display settings {}: {}", file, e.toString());
            return DateTime.LOCALE;
        }
    }

    private void save(DateTime now) {
        Properties properties = new Properties();
        properties.setProperty(KEY, now.name());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, "Allocation Desk window: how timestamps are shown (View > Date and time format)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Could not save the display settings to {}", file, e);
        }
    }
}
