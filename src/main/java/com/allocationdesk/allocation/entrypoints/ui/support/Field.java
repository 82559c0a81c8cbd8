package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.DomainException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

import java.util.Optional;
import java.util.function.Function;

/**
 * One input of a form, as a view model sees it: the text the planner types and the message that
 * explains what is wrong with it, recomputed at every keystroke. The message shows once the
 * planner has typed in the field (a fresh form is not red); {@link #valid()} is exact from the start.
 *
 * @param <T> the parsed value
 */
public final class Field<T> {
    /** Parses text to a value; throws a {@link DomainException} whose message tells the planner what is wrong. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper touched = new ReadOnlyBooleanWrapper(this, "touched", false);
    private final Parser<T> parser;
    private String problem;
    private T value;
    private final ReadOnlyBooleanWrapper validWrapper = new ReadOnlyBooleanWrapper(this, "valid", false);

    public Field(Parser<T> parser) {
        this.parser = parser;
        text.addListener((obs, old, now) -> {
            touched.set(true);
            check();
        });
        check();
    }

    /** Re-runs the check, e.g. when the list of known SKUs changed. */
    public void check() {
        try {
            value = parser.parse(text.get() == null ? "" : text.get());
            problem = null;
        } catch (DomainException | IllegalArgumentException e) {
            value = null;
            problem = e.getMessage();
        }
        validWrapper.set(problem == null);
        error.set(problem != null && touched.get() ? problem : "");
    }

    /** Shows the message even if the planner never typed here (on submit). */
    public void touch() {
        touched.set(true);
        check();
    }

    /** Empties the field and hides its message. */
    public void reset() {
        text.set("");
        touched.set(false);
        check();
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return validWrapper.getReadOnlyProperty();
    }

    public boolean valid() {
        return validWrapper.get();
    }

    /** The parsed value; empty while the text is invalid. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    public String error() {
        return error.get();
    }

    /** True when every field is valid. */
    public static BooleanBinding allValid(Field<?>... fields) {
        ObservableBooleanValue[] deps = new ObservableBooleanValue[fields.length];
        for (int i = 0; i < fields.length; i++) {
            deps[i] = fields[i].validProperty();
        }
        return Bindings.createBooleanBinding(() -> {
            for (Field<?> f : fields) {
                if (!f.valid()) {
                    return false;
                }
            }
            return true;
        }, deps);
    }

    /** Wraps a plain function as a parser. */
    public static <T> Parser<T> of(Function<String, T> function) {
        return function::apply;
    }
}
