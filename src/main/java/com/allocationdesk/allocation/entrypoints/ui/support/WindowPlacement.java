package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Remembers the window's size and position in {@code window.properties} next to the database, so
 * each database (and each test's temporary one) has its own. The same file keeps how the window's
 * tables were left ({@link ViewSettings}: sort, filters, last tab); each writer keeps the other's keys.
 */
public final class WindowPlacement {
    private static final Logger log = LoggerFactory.getLogger(WindowPlacement.class);
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

    private final Path file;

    public WindowPlacement(Path file) {
        this.file = file;
    }

    /** The file for a database at {@code databasePath}. */
    public static WindowPlacement besides(Path databasePath) {
        Path parent = databasePath.toAbsolutePath().getParent();
        return new WindowPlacement((parent == null ? Path.of(".") : parent).resolve("window.properties"));
    }

    /** Sizes and places the stage as last time, when that still fits on a screen. */
    public void restore(Stage stage) {
        stage.setWidth(DEFAULT_WIDTH);
        stage.setHeight(DEFAULT_HEIGHT);
        if (!Files.isRegularFile(file)) {
            stage.centerOnScreen();
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            double x = Double.parseDouble(properties.getProperty("x"));
            double y = Double.parseDouble(properties.getProperty("y"));
            double width = Double.parseDouble(properties.getProperty("width"));
            double height = Double.parseDouble(properties.getProperty("height"));
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(x, y, Math.max(width, 1),
                    Math.max(height, 1))).isEmpty();
            if (width >= 400 && height >= 300) {
                stage.setWidth(width);
                stage.setHeight(height);
            }
            if (visible) {
                stage.setX(x);
                stage.setY(y);
            } else {
                stage.centerOnScreen();
            }
            stage.setMaximized(Boolean.parseBoolean(properties.getProperty("maximized", "false")));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring unreadable window placement {}: {}", file, e.toString());
            stage.centerOnScreen();
        }
    }

    /** What the file holds now; nothing when there is none or it cannot be read (logged). */
    public Properties load() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException | RuntimeException e) {
                log.warn("Ignoring unreadable window placement {}: {}", file, e.toString());
                return new Properties();
            }
        }
        return properties;
    }

    /** Sets these keys in the file, keeping the others. */
    public void update(java.util.Map<String, String> values) {
        Properties properties = load();
        properties.putAll(values);
        write(properties);
    }

    /** Writes the stage's current size and position (the file's other keys stay). */
    public void save(Stage stage) {
        Properties properties = load();
        properties.setProperty("x", Double.toString(stage.getX()));
        properties.setProperty("y", Double.toString(stage.getY()));
        properties.setProperty("width", Double.toString(stage.getWidth()));
        properties.setProperty("height", Double.toString(stage.getHeight()));
        properties.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        write(properties);
    }

    private void write(Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Allocation Desk window placement");
            }
        } catch (IOException e) {
            log.warn("Could not save the window placement to {}", file, e);
        }
    }
}
