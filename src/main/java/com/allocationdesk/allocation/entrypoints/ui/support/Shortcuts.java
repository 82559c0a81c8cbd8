package com.allocationdesk.allocation.entrypoints.ui.support;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shortcuts sheet (Help ▸ Keyboard shortcuts, F1), read from the window itself so that it
 * cannot drift from it: every menu item's accelerator, every menu's and button's Alt+letter
 * mnemonic, and the keys a part of the window handles on its own (each passed in by its owner's
 * constant, e.g. the order search's Ctrl+F).
 */
public final class Shortcuts {
    /** A key a part of the window handles itself, and what it does. */
    public record Key(String keys, String does) {
        public static Key of(KeyCombination combination, String does) {
            return new Key(combination.getDisplayText(), does);
        }
    }

    private Shortcuts() {
    }

    /** One line per shortcut: "Ctrl+1  View ▸ Batches", "Alt+F  the File menu", then {@code keys}. */
    public static List<String> sheet(MenuBar menus, Parent window, List<Key> keys) {
        List<String> lines = new ArrayList<>();
        for (Menu menu : menus.getMenus()) {
            accelerators(menu, plain(menu.getText()), lines);
        }
        Set<String> mnemonics = new LinkedHashSet<>();
        for (Menu menu : menus.getMenus()) {
            mnemonic(menu.getText()).ifPresent(key -> mnemonics.add(line(key, "the " + plain(menu.getText()) + " menu")));
        }
        buttons(window, mnemonics);
        lines.addAll(mnemonics);
        for (Key key : keys) {
            lines.add(line(key.keys(), key.does()));
        }
        return lines;
    }

    private static void accelerators(Menu menu, String path, List<String> lines) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                accelerators(sub, path + " ▸ " + plain(sub.getText()), lines);
            } else if (item.getAccelerator() != null && item.getText() != null) {
                lines.add(line(item.getAccelerator().getDisplayText(), path + " ▸ " + plain(item.getText())));
            }
        }
    }

    /** The buttons, links and labels with an underlined letter, in the order of the window. */
    private static void buttons(Node node, Set<String> lines) {
        if (node instanceof Labeled labeled && labeled.isMnemonicParsing()) {
            mnemonic(labeled.getText()).ifPresent(key -> lines.add(line(key, plain(labeled.getText()))));
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                buttons(child, lines);
            }
        }
    }

    private static java.util.Optional<String> mnemonic(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        int at = text.indexOf('_');
        if (at < 0 || at + 1 >= text.length()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Alt+" + text.substring(at + 1, at + 2).toUpperCase(Locale.ROOT));
    }

    private static String plain(String text) {
        return text == null ? "" : text.replace("_", "");
    }

    private static String line(String keys, String does) {
        return keys + "  " + does;
    }
}
