package org.clanet.workbench.app.charts;

/** Shared bits of the issue-12 views. */
public final class Views {

    private Views() {
    }

    /** The views' stylesheet (add it to each view's stylesheets so they look right anywhere they are placed). */
    public static String stylesheet() {
        return Views.class.getResource("/org/clanet/workbench/app/views.css").toExternalForm();
    }
}
