package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Items: counts, reading back, deleting, paging, filters, the vector stream. Part of the {@link Store} contract; each implementation runs it. */
public abstract class ItemContractTest extends StoreFixture {

    protected ItemContractTest(StoreBackend backend) {
        super(backend);
    }

    @Test
    void upsertCountsOnlyNewIds() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        assertThat(put(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2)), T0)).isEqualTo(2);
        assertThat(put(ns.id(), List.of(vectorItem("b", 3), vectorItem("c", 4)), T0)).isEqualTo(1);
        assertThat(store.findNamespace("vec").orElseThrow().itemCount()).isEqualTo(3);
        assertThat(store.totalItems()).isEqualTo(3);
        assertThat(vectorOf(ns.id(), "b")).containsExactly(3f, 3f);
        // A repeated id in one batch: stored once, the last one winning.
        assertThat(put(ns.id(), List.of(vectorItem("d", 5), vectorItem("a", 7), vectorItem("d", 6)), T0)).isEqualTo(1);
        assertThat(vectorOf(ns.id(), "d")).containsExactly(6f, 6f);
        assertThat(vectorOf(ns.id(), "a")).containsExactly(7f, 7f);
    }

    @Test
    void storedItemsReadBackExactly() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        put(ns.id(), List.of(
                new Item("x", "hello", "{\"team\":\"ai\"}", new float[] {0.5f, -1.25f}, false),
                new Item("y", "world", "{}", new float[] {1f, 2f}, true)), T0);
        List<TextItem> items = store.describeItems(ns.id(), List.of("y", "missing", "x"));
        assertThat(items).extracting(TextItem::id).containsExactly("y", "x");
        assertThat(items.get(0).isSummary()).isTrue();
        assertThat(items.get(1).text()).isEqualTo("hello");
        assertThat(items.get(1).metadataJson()).isEqualTo("{\"team\":\"ai\"}");
        assertThat(items.get(1).createdAt()).isEqualTo(T0);
        assertThat(vectorOf(ns.id(), "x")).containsExactly(0.5f, -1.25f);
    }

    @Test
    void sameIdLivesIndependentlyInTwoNamespaces() {
        Namespace a = store.createNamespace("a", NamespaceType.VECTOR, 2, T0);
        Namespace b = store.createNamespace("b", NamespaceType.VECTOR, 2, T0);
        put(a.id(), List.of(vectorItem("same", 1)), T0);
        put(b.id(), List.of(vectorItem("same", 2)), T0);
        assertThat(vectorOf(a.id(), "same")).containsExactly(1f, 1f);
        assertThat(vectorOf(b.id(), "same")).containsExactly(2f, 2f);
        assertThat(store.totalItems()).isEqualTo(2);
    }

    @Test
    void deleteItemsReportsWhatWasThereAndFreesQuota() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(3), T0);
        assertThat(store.deleteItems(ns.id(), List.of("item-2", "missing", "item-0", "item-2")))
                .containsExactly("item-2", "item-0");
        assertThat(store.totalItems()).isEqualTo(1);
        assertThat(store.findNamespace("vec").orElseThrow().itemCount()).isEqualTo(1);
    }

    @Test
    void textPagesWalkIdsInOrderWithoutRepeats() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        List<Item> docs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            docs.add(new Item("d" + i, "text " + i, "{}", new float[] {1}, i == 6));
        }
        put(ns.id(), docs, T0);
        List<TextItem> first = store.textItemsAfter(ns.id(), null, 3);
        assertThat(first).extracting(TextItem::id).containsExactly("d0", "d1", "d2");
        store.deleteItems(ns.id(), List.of("d1", "d3"));
        put(ns.id(), List.of(new Item("d0a", "new", "{}", new float[] {1}, false)), T0);
        List<TextItem> second = store.textItemsAfter(ns.id(), "d2", 3);
        assertThat(second).extracting(TextItem::id).containsExactly("d4", "d5", "d6");
        assertThat(second.get(2).isSummary()).isTrue();
        assertThat(second.get(0).createdAt()).isEqualTo(T0);
        assertThat(store.textItemsAfter(ns.id(), "d6", 3)).isEmpty();
    }

    @Test
    void filtersMatchMetadataIgnoringCaseAndTextWords() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        put(ns.id(), List.of(
                new Item("a", "An IMPORTANT note", "{\"team\":\"AI\",\"year\":2020,\"ok\":true}", new float[] {1}, false),
                new Item("b", "a plain note", "{\"team\":\"ai\",\"year\":\"2020\"}", new float[] {1}, false),
                new Item("c", "important too", "{\"team\":\"ops\",\"we\\\"ird\":\"x\"}", new float[] {1}, false)),
                T0);
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("team", "ai"), java.util.Map.of(),
                List.of()))).containsExactlyInAnyOrder("a", "b");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("team", "Ai"), java.util.Map.of(),
                List.of("important")))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("ok", "TRUE"), java.util.Map.of(),
                List.of()))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("year", "2020"), java.util.Map.of(),
                List.of()))).containsExactlyInAnyOrder("a", "b");
        // The exact (legacy) filter tells the number 2020 from the string "2020".
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of(), java.util.Map.of("year", "2020"),
                List.of()))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of(), java.util.Map.of("team", "\"ai\""),
                List.of()))).containsExactly("b");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("we\"ird", "X"), java.util.Map.of(),
                List.of()))).containsExactly("c");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("missing", "x"), java.util.Map.of(),
                List.of()))).isEmpty();
    }

    @Test
    void describeItemsGivesTextAndMetadataInRequestOrder() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        put(ns.id(), List.of(
                new Item("x", "ex", "{\"k\":1}", new float[] {1}, false),
                new Item("y", "why", "{}", new float[] {1}, true)), T0);
        List<TextItem> described = store.describeItems(ns.id(), List.of("y", "nope", "x", "y"));
        assertThat(described).extracting(TextItem::id).containsExactly("y", "x");
        assertThat(described.get(0).isSummary()).isTrue();
        assertThat(described.get(1).text()).isEqualTo("ex");
        assertThat(described.get(1).metadataJson()).isEqualTo("{\"k\":1}");
        assertThat(store.describeItems(ns.id(), List.of())).isEmpty();
    }

    @Test
    void vectorsStreamInFirstStoredOrder() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), List.of(vectorItem("z", 1), vectorItem("a", 2), vectorItem("m", 3)), T0);
        put(ns.id(), List.of(vectorItem("z", 9)), T0);
        store.deleteItems(ns.id(), List.of("a"));
        put(ns.id(), List.of(vectorItem("a", 4)), T0);
        List<String> order = new ArrayList<>();
        List<Float> firsts = new ArrayList<>();
        store.forEachVector(ns.id(), (id, vector) -> {
            order.add(id);
            firsts.add(vector[0]);
        });
        assertThat(order).containsExactly("z", "m", "a");
        assertThat(firsts).containsExactly(9f, 3f, 4f);
    }
}
