package io.nexidentity.projection;

import io.smallrye.mutiny.Uni;

/** The change of an event that concerns no record of the projection. */
enum Unchanged implements Projection.Change {
    INSTANCE;

    @Override
    public Uni<Void> store() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public void remember() {}
}
