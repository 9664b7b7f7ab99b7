package io.reef.console;

/** A list page's number from the query ({@code ?page=N}, 1-based): anything else is page 1. */
final class PageNumber {

    static final int MAX = 1_000_000;

    private PageNumber() {
    }

    static int parse(String page) {
        if (page == null || page.isEmpty() || page.length() > 7 || !page.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        int n = Integer.parseInt(page);
        return n < 1 ? 1 : Math.min(n, MAX);
    }
}
