package com.allocationdesk.allocation.servicelayer;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep copies of the domain's mutable objects (a product, its batches, its allocation book), so a
 * fake unit of work can put a product back as it was when the unit rolls back, as the database
 * does. Records, strings, dates and enums are immutable and shared.
 */
final class Snapshots {
    private static final String DOMAIN = "com.allocationdesk.allocation.domain";

    private Snapshots() {
    }

    /** A deep copy of {@code value}. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof java.time.temporal.Temporal
                || value.getClass().isRecord()) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item)));
            return (T) copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = set instanceof LinkedHashSet ? new LinkedHashSet<>() : new HashSet<>();
            set.forEach(item -> copy.add(copy(item)));
            return (T) copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = map instanceof LinkedHashMap ? new LinkedHashMap<>() : new HashMap<>();
            map.forEach((k, v) -> copy.put(k, copy(v)));
            return (T) copy;
        }
        if (!value.getClass().getName().startsWith(DOMAIN)) {
            throw new IllegalArgumentException("Cannot copy a " + value.getClass().getName());
        }
        try {
            Constructor<?> constructor = value.getClass().getDeclaredConstructor();
            constructor.setAccessible(true);
            Object copy = constructor.newInstance();
            copyFields(value, copy);
            return (T) copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy a " + value.getClass().getName(), e);
        }
    }

    /** Makes {@code live} hold what {@code snapshot} holds (deep), so references to {@code live} see it. */
    static <T> void restore(T live, T snapshot) {
        copyFields(snapshot, live);
    }

    @SuppressWarnings("unchecked")
    private static void copyFields(Object from, Object to) {
        for (Class<?> type = from.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    Object value = field.get(from);
                    if (Modifier.isFinal(field.getModifiers()) && value instanceof Collection<?> c) {
                        refill((Collection<Object>) field.get(to), c);
                    } else if (Modifier.isFinal(field.getModifiers()) && value instanceof Map<?, ?> m) {
                        Map<Object, Object> target = (Map<Object, Object>) field.get(to);
                        target.clear();
                        m.forEach((k, v) -> target.put(k, copy(v)));
                    } else {
                        field.set(to, copy(value));
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot copy " + field, e);
                }
            }
        }
    }

    private static void refill(Collection<Object> target, Collection<?> from) {
        target.clear();
        from.forEach(item -> target.add(copy(item)));
    }
}
