package io.callgate.api;

import java.util.List;
import java.util.function.Function;

/** Twilio list paging: {@code PageSize} 1–1000 (default 50) and {@code Page} from 0. */
public record PageRequest(int pageSize, int page) {

    public static PageRequest of(Integer pageSize, Integer page) {
        int size = pageSize == null ? 50 : pageSize;
        int number = page == null ? 0 : page;
        if (size < 1 || size > 1000) {
            throw ApiException.invalidParameter("PageSize");
        }
        if (number < 0 || (long) number * size > Integer.MAX_VALUE) {
            throw ApiException.invalidParameter("Page");
        }
        return new PageRequest(size, number);
    }

    public int offset() {
        return page * pageSize;
    }

    /**
     * Builds the list body. {@code rows} holds up to one more row than the page, which tells whether
     * a next page exists without a count query.
     */
    public <T, R> ListPage<R> render(String key, String baseUrl, String extraQuery, List<T> rows, Function<T, R> view) {
        boolean hasNext = rows.size() > pageSize;
        List<R> items = rows.stream().limit(pageSize).map(view).toList();
        String extra = extraQuery == null || extraQuery.isEmpty() ? "" : "&" + extraQuery;
        String first = baseUrl + "?PageSize=" + pageSize + "&Page=0" + extra;
        String self = baseUrl + "?PageSize=" + pageSize + "&Page=" + page + extra;
        String previous = page > 0 ? baseUrl + "?PageSize=" + pageSize + "&Page=" + (page - 1) + extra : null;
        String next = hasNext ? baseUrl + "?PageSize=" + pageSize + "&Page=" + (page + 1) + extra : null;
        return new ListPage<>(key, items, new ListPage.Meta(page, pageSize, first, previous, next, key, self));
    }

    /** One fetch more than the page, see {@link #render}. */
    public int limitPlusOne() {
        return pageSize + 1;
    }
}
