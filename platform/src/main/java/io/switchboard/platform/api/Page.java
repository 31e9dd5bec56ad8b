package io.switchboard.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A page of a list: {@code {"items": [...], "nextCursor": "..."}}; {@code nextCursor} is absent on the last
 * page. Cursors are opaque to clients.
 *
 * @param items the page's items
 * @param nextCursor the cursor of the next page, or null
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * A page from a query that fetched up to {@code limit + 1} rows, so the extra row tells whether another
     * page follows.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, ToLongFunction<T> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), encode(id.applyAsLong(items.get(limit - 1))));
    }

    /** The limit to use, validated. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid(Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return requested;
    }

    /** The id a cursor points after; {@code defaultValue} when there is no cursor. */
    public static long after(String cursor, long defaultValue) {
        if (cursor == null || cursor.isBlank()) {
            return defaultValue;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("id:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(decoded.substring(3));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of("cursor", "is not a cursor this API issued"));
        }
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
    }
}
