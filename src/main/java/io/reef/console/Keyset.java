package io.reef.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list page read by keyset, newest first, with links both ways: {@code ?before=C} is the page
 * of rows older than C (Next), {@code ?after=C} the page of rows newer than C (Previous). Each page
 * is one query of at most size + 1 rows (the extra row says whether there is more); nothing is
 * counted or skipped, so a page deep in millions of rows costs what the first one does. A page
 * after C with fewer than a page of newer rows is the first page.
 */
final class Keyset {

    private Keyset() {
    }

    /** Reads rows from a cursor: newest first before it, or oldest first after it; null: from the newest. */
    @FunctionalInterface
    interface Reader<C, T> {
        List<T> read(C before, C after, int limit);
    }

    /** The rows of one page, newest first, and whether there are newer and older rows. */
    record Page<T>(List<T> rows, boolean hasNewer, boolean hasOlder) {
        T first() {
            return rows.get(0);
        }

        T last() {
            return rows.get(rows.size() - 1);
        }
    }

    static <C, T> Page<T> page(C before, C after, int size, Reader<C, T> reader) {
        if (after != null) {
            List<T> newer = reader.read(null, after, size + 1);
            if (newer.size() > size) {
                List<T> rows = new ArrayList<>(newer.subList(0, size));
                Collections.reverse(rows);
                return new Page<>(rows, true, true);
            }
            before = null; // fewer than a page of newer rows: the first page
        }
        List<T> older = reader.read(before, null, size + 1);
        boolean more = older.size() > size;
        return new Page<>(more ? older.subList(0, size) : older, before != null, more);
    }
}
