package io.reef.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the console's list pages carry for tests: row attributes and page links. */
final class Html {

    private Html() {
    }

    /** Every value of {@code attribute="..."} in the page, in order. */
    static List<String> values(String html, String attribute) {
        Matcher m = Pattern.compile(" " + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The href of the link with {@code rel="..."}, unescaped, or null. */
    static String rel(String html, String rel) {
        Matcher m = Pattern.compile("<a rel=\"" + rel + "\" href=\"([^\"]+)\"").matcher(html);
        return m.find() ? unescape(m.group(1)) : null;
    }

    /** The href of the first link with this class, unescaped, or null. */
    static String linkOfClass(String html, String cssClass) {
        Matcher m = Pattern.compile("<a class=\"" + cssClass + "\" href=\"([^\"]+)\"").matcher(html);
        return m.find() ? unescape(m.group(1)) : null;
    }

    static String unescape(String attribute) {
        return attribute.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }
}
