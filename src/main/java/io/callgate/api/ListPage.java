package io.callgate.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A list response: the items under their resource key plus {@code meta}. All four page URLs are
 * always present (null when absent) because the official SDKs read them unguarded.
 */
public final class ListPage<T> {

    private final String key;
    private final List<T> items;
    private final Meta meta;

    ListPage(String key, List<T> items, Meta meta) {
        this.key = key;
        this.items = items;
        this.meta = meta;
    }

    @JsonAnyGetter
    public Map<String, Object> items() {
        return Map.of(key, items);
    }

    @JsonProperty("meta")
    public Meta meta() {
        return meta;
    }

    @JsonIgnore
    public List<T> list() {
        return items;
    }

    public record Meta(
            int page,
            @JsonProperty("page_size") int pageSize,
            @JsonProperty("first_page_url") String firstPageUrl,
            @JsonProperty("previous_page_url") String previousPageUrl,
            @JsonProperty("next_page_url") String nextPageUrl,
            String key,
            String url) {
    }
}
