package org.clanet.workbench.app.navigator;

import java.util.List;
import org.clanet.workbench.dataset.Sequence;

/**
 * Contributes status badges to the navigator (what has been computed for a sequence: masks, patches,
 * embeddings, prediction). Later stages register one with {@link NavigatorViewModel#badgeProviders()} and call
 * {@link NavigatorViewModel#refreshBadges()} when their state changes; the tree itself is not touched.
 * Called on the FX thread for visible rows: answer from memory, quickly.
 */
@FunctionalInterface
public interface BadgeProvider {

    /** Badges for a sequence, in display order; empty when this stage has nothing for it. */
    List<Badge> badges(Sequence sequence);
}
