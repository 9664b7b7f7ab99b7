package io.reef.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A link's query string, built from a page's filters: only the parameters that have a value, each encoded. */
final class QueryString {

    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return this;
    }

    /** The parameters followed by {@code &} (or nothing), so a page link can append its cursor. */
    String prefix() {
        return query.isEmpty() ? "" : query + "&";
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
