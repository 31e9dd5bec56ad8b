package io.switchboard.connector.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds fields through which a connector instance could carry one tenant's data into another tenant's call.
 *
 * <p>The platform creates one instance of a connector and calls it concurrently for every tenant, so any
 * field that can change is shared between tenants. A field is suspect when it is not final (static or not),
 * or when it is a final instance field whose value can still change: an array, a modifiable collection or
 * map, an atomic, a {@code ThreadLocal} or a string builder. Final fields holding immutable or thread-safe
 * stateless values (strings, patterns, records of those, unmodifiable collections, a Gson instance) pass.
 */
final class StatelessConnectorCheck {

    private static final List<String> UNMODIFIABLE_COLLECTIONS = List.of(
            "java.util.ImmutableCollections$", "java.util.Collections$Unmodifiable", "java.util.Collections$Empty",
            "java.util.Collections$Singleton");

    private StatelessConnectorCheck() {}

    /** A description of each suspect field of the instance's class and its superclasses; empty when none. */
    static List<String> mutableState(Object connector) {
        List<String> problems = new ArrayList<>();
        for (Class<?> type = connector.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isSynthetic()) {
                    continue;
                }
                String name = type.getSimpleName() + "." + field.getName();
                int modifiers = field.getModifiers();
                if (!Modifier.isFinal(modifiers)) {
                    problems.add(name + " is not final" + (Modifier.isStatic(modifiers) ? " (static)" : ""));
                } else if (!Modifier.isStatic(modifiers)) {
                    mutableValue(connector, field).ifPresent(kind -> problems.add(name + " holds " + kind));
                }
            }
        }
        return problems;
    }

    private static Optional<String> mutableValue(Object connector, Field field) {
        Object value;
        try {
            field.setAccessible(true);
            value = field.get(connector);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        Class<?> type = value.getClass();
        String className = type.getName();
        if (type.isArray()) {
            return Optional.of("an array, whose elements can change");
        }
        if ((value instanceof Collection<?> || value instanceof Map<?, ?>)
                && UNMODIFIABLE_COLLECTIONS.stream().noneMatch(className::startsWith)) {
            return Optional.of("a modifiable " + type.getSimpleName());
        }
        if (className.startsWith("java.util.concurrent.atomic.") || value instanceof ThreadLocal<?>
                || value instanceof StringBuilder || value instanceof StringBuffer) {
            return Optional.of("a mutable " + type.getSimpleName());
        }
        return Optional.empty();
    }
}
