package org.clanet.workbench.app.navigator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.clanet.workbench.dataset.Sequence;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The navigator's view: a TreeView of {@link NavigatorViewModel}'s nodes (dataset → cell line → batch →
 * sequence) with counts and the badges of the registered {@link BadgeProvider}s; selection is two-way bound to
 * the view model.
 */
public final class NavigatorView extends TreeView<NavigatorNode> {

    private final Map<String, TreeItem<NavigatorNode>> sequenceItems = new HashMap<>();
    private NavigatorViewModel vm;
    private boolean syncing;

    public NavigatorView() {
        getStyleClass().add("navigator");
        setShowRoot(true);
    }

    public void bind(NavigatorViewModel model) {
        this.vm = model;
        setCellFactory(t -> new NodeCell());
        vm.rootProperty().addListener((o, a, r) -> rebuild(r));
        rebuild(vm.getRoot());
        getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing && item != null && item.getValue().sequence() != null) {
                syncing = true;
                try {
                    vm.select(item.getValue().sequence());
                } finally {
                    syncing = false;
                }
            }
        });
        vm.selectedProperty().addListener((o, a, s) -> reveal(s));
        vm.badgeRevisionProperty().addListener(o -> refresh());
    }

    private void rebuild(NavigatorNode root) {
        sequenceItems.clear();
        if (root == null) {
            setRoot(null);
            return;
        }
        TreeItem<NavigatorNode> r = item(root);
        r.setExpanded(true);
        // cell lines open; batches open when there are few of them
        int batches = root.children().stream().mapToInt(c -> c.children().size()).sum();
        for (TreeItem<NavigatorNode> line : r.getChildren()) {
            line.setExpanded(true);
            if (batches <= 12) {
                line.getChildren().forEach(b -> b.setExpanded(true));
            }
        }
        setRoot(r);
        reveal(vm.getSelected());
    }

    private TreeItem<NavigatorNode> item(NavigatorNode n) {
        TreeItem<NavigatorNode> it = new TreeItem<>(n);
        if (n.sequence() != null) {
            sequenceItems.put(n.sequence().id(), it);
        }
        for (NavigatorNode c : n.children()) {
            it.getChildren().add(item(c));
        }
        return it;
    }

    private void reveal(Sequence s) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            TreeItem<NavigatorNode> it = s == null ? null : sequenceItems.get(s.id());
            if (it == null) {
                getSelectionModel().clearSelection();
                return;
            }
            for (TreeItem<NavigatorNode> p = it.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            getSelectionModel().select(it);
            int row = getRow(it);
            if (row >= 0) {
                scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncing = false;
        }
    }

    /** The tree item of a sequence (tests). */
    public TreeItem<NavigatorNode> itemOf(String sequenceId) {
        return sequenceItems.get(sequenceId);
    }

    private final class NodeCell extends TreeCell<NavigatorNode> {
        private final FontIcon icon = new FontIcon();
        private final Label label = new Label();
        private final Label detail = new Label();
        private final HBox badges = new HBox(2);
        // badges before the text: at the default navigator width they stayed off-screen behind long details
        private final HBox box = new HBox(6, icon, badges, label, detail);

        NodeCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            label.getStyleClass().add("nav-label");
            detail.getStyleClass().add("nav-detail");
            badges.getStyleClass().add("nav-badges");
            badges.setMinWidth(Region.USE_PREF_SIZE);
            label.setMinWidth(Region.USE_PREF_SIZE); // the name stays whole; the detail gives way ("…")
            detail.setMinWidth(0);
            HBox.setHgrow(detail, Priority.ALWAYS);
            icon.getStyleClass().add("nav-icon");
        }

        @Override
        protected void updateItem(NavigatorNode n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            setText(null);
            icon.setIconLiteral(switch (n.kind()) {
                case DATASET -> "mdi2d-database";
                case CELL_LINE -> "mdi2t-test-tube";
                case BATCH -> "mdi2f-flask-outline";
                case SEQUENCE -> "mdi2m-movie-open-outline";
            });
            label.setText(n.label());
            detail.setText(n.detail());
            badges.getChildren().clear();
            if (n.sequence() != null) {
                List<Badge> bs = vm.badges(n.sequence());
                for (Badge b : bs) {
                    FontIcon bi = new FontIcon(b.iconCode());
                    bi.getStyleClass().add("nav-badge");
                    if (!b.styleClass().isEmpty()) {
                        bi.getStyleClass().add(b.styleClass());
                    }
                    Tooltip.install(bi, new Tooltip(b.tooltip()));
                    badges.getChildren().add(bi);
                }
                setTooltip(new Tooltip(n.sequence().key() + "\n" + n.detail()));
            } else {
                setTooltip(new Tooltip(n.label() + "\n" + n.detail())); // the whole text when the row clips it
            }
            badges.setVisible(!badges.getChildren().isEmpty());
            badges.setManaged(badges.isVisible());
            setGraphic(box);
        }
    }
}
