package com.allocationdesk.allocation.architecture;

import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.entrypoints.ui.support.EventTopics;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The handler registry and the window's event-to-view table against the sealed {@link Command}
 * and {@link Event}: a command or event added to its permits list without being wired fails here.
 */
class RegistryCompletenessTest {
    private final HandlerRegistry registry = HandlerRegistry.of(event -> { }, Clock.systemUTC());

    static Stream<Class<?>> commands() {
        return Arrays.stream(Command.class.getPermittedSubclasses());
    }

    static Stream<Class<?>> events() {
        return Arrays.stream(Event.class.getPermittedSubclasses());
    }

    @Test
    void thePermitsListsNameConcreteRecordsOnly() {
        // A sealed sub-interface in a permits list would hide its own permits from the checks below.
        assertThat(commands()).isNotEmpty().allMatch(Class::isRecord, "is a record");
        assertThat(events()).isNotEmpty().allMatch(Class::isRecord, "is a record");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyCommandHasExactlyOneHandler(Class<?> command) {
        assertThat(registry.commandHandlers()).filteredOn(route -> route.type() == command)
                .as("handlers of %s in HandlerRegistry", command.getSimpleName())
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventIsHandledOrProjected(Class<?> event) {
        List<HandlerRegistry.EventRoute<?>> routes = Stream.concat(registry.eventHandlers().stream(),
                registry.projections().stream()).filter(route -> route.type() == event).toList();

        assertThat(routes).as("handlers and projections of %s in HandlerRegistry", event.getSimpleName())
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventChoosesTheViewsItRefreshes(Class<?> event) {
        assertThat(EventTopics.mapped()).as("the window's entry for %s in EventTopics", event.getSimpleName())
                .contains(event.asSubclass(Event.class));
    }

    @Test
    void theRegistryBuildsABus() {
        UnitOfWork.Factory unused = () -> {
            throw new AssertionError("building the bus starts no unit of work");
        };

        assertThatCode(() -> registry.bus(unused).build()).doesNotThrowAnyException();
    }
}
