package com.dce.analytics.events.catalog;

import com.dce.analytics.events.EventFamily;
import java.util.List;
import java.util.Optional;

/** An event type of the catalog: its name, the entity it is about, and its properties. */
public record EventType(String name, String entityType, String description, List<PropertySpec> properties) {

    public EventType {
        properties = List.copyOf(properties);
    }

    public EventFamily family() {
        return EventFamily.ofEventType(name).orElseThrow(() -> new IllegalStateException("no family for " + name));
    }

    public Optional<PropertySpec> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }
}
