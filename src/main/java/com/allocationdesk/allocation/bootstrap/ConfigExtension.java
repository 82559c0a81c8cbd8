package com.allocationdesk.allocation.bootstrap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Portable extension that puts the start-up values into the container as synthetic beans: the
 * {@link AppConfig}, the values an entry point supplied ({@link Bootstrap.Builder#supply}), and any
 * instance a test or tool swapped in, as an enabled alternative that wins over the producer (or the
 * supplied value) of the same type.
 */
final class ConfigExtension implements Extension {
    /** Above any priority the application itself uses. */
    static final int OVERRIDE_PRIORITY = 10_000;

    private final AppConfig config;
    private final Map<Class<?>, Object> supplied;
    private final Map<Class<?>, Object> overrides;

    ConfigExtension(AppConfig config, Map<Class<?>, Object> supplied, Map<Class<?>, Object> overrides) {
        this.config = config;
        this.supplied = Map.copyOf(supplied);
        this.overrides = Map.copyOf(overrides);
    }

    void addSyntheticBeans(@Observes AfterBeanDiscovery discovery) {
        discovery.addBean()
                .beanClass(AppConfig.class)
                .types(AppConfig.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> config);
        supplied.forEach((type, instance) -> discovery.addBean()
                .beanClass(type)
                .types(type, Object.class)
                .scope(Singleton.class)
                .createWith(context -> instance));
        overrides.forEach((type, instance) -> discovery.addBean()
                .beanClass(type)
                .types(type, Object.class)
                .scope(Singleton.class)
                .alternative(true)
                .priority(OVERRIDE_PRIORITY)
                .createWith(context -> instance));
    }
}
