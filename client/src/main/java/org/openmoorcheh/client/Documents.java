package org.openmoorcheh.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openmoorcheh.client.model.Document;
import org.openmoorcheh.client.model.TextPage;

/** Text documents: the server embeds them. Also pages through a text namespace ({@code fetch-text-data}). */
public final class Documents extends Items<Document> {

    Documents(Transport transport) {
        super(transport, "documents", Document::id);
    }

    @Override
    Map<String, Object> body(Document document) {
        Map<String, Object> body = new LinkedHashMap<>(document.metadata());
        body.put("id", document.id());
        body.put("text", document.text());
        return body;
    }

    /** One page of up to {@code limit} (1-100) texts; {@code nextToken} null for the first page. */
    public TextPage fetchText(String namespace, int limit, String nextToken) {
        String query = "?limit=" + limit + (nextToken == null ? "" : "&next_token=" + Transport.segment(nextToken));
        return transport.convert(transport.get(path(namespace) + "/documents/fetch-text-data" + query), TextPage.class);
    }
}
