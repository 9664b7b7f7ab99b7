package io.reef.console.view;

import java.io.StringWriter;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A bar chart of daily spend as an inline SVG element, drawn on the server (no script, no inline
 * style: colours are presentation attributes a page's stylesheet may override through the
 * {@code spend-chart}, {@code bar}, {@code grid} and {@code axis} classes).
 * <p>
 * Every bar carries its data for a reader and a test ({@code data-day="2026-11-30"
 * data-spent-micros="1234567" data-entries="3"}) and a {@code <title>} with the amount as money; the
 * chart has {@code role="img"} and an {@code aria-label} naming the days and their total. Amounts
 * are integer micro-dollars throughout; geometry is integer tenths of a pixel. The markup is
 * written by the JDK's XML writer, so every text and attribute is escaped; characters XML cannot
 * carry are replaced by U+FFFD. In a Qute template: {@code {chart.raw}}.
 */
public final class SpendChart {

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** The chart's coordinate system (viewBox), in pixels; it scales to the width of its container. */
    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int LEFT = 80;
    private static final int RIGHT = 8;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    /** Horizontal grid lines above the zero line. */
    static final int TICKS = 4;
    /** At most this many day labels under the bars. */
    private static final int DAY_LABELS = 6;
    /** The smallest step between grid lines: one cent, so labels in cents stay distinct. */
    private static final long MIN_STEP_MICROS = 10_000;
    /** The step of a chart whose days are all zero ($1.00). */
    private static final long EMPTY_STEP_MICROS = 1_000_000;
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private SpendChart() {
    }

    /**
     * The chart of {@code days} (oldest first, one entry per day, zero days included), named
     * {@code title} (e.g. "Daily spend, last 30 days"; any text, it is escaped).
     */
    public static String svg(String title, List<DailySpend> days) {
        long total = 0;
        long max = 0;
        for (DailySpend d : days) {
            if (d.spentMicros() < 0) {
                throw new IllegalArgumentException("negative spend on " + d.day());
            }
            total = Math.addExact(total, d.spentMicros());
            max = Math.max(max, d.spentMicros());
        }
        long step = step(max);
        long axisMax = Math.multiplyExact(step, TICKS);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter svg = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            svg.writeStartElement("svg");
            svg.writeDefaultNamespace(SVG_NS);
            svg.writeAttribute("class", "spend-chart");
            svg.writeAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
            svg.writeAttribute("width", "100%");
            svg.writeAttribute("role", "img");
            svg.writeAttribute("aria-label", xmlSafe(description(title, days, total)));
            svg.writeAttribute("data-days", Integer.toString(days.size()));
            svg.writeAttribute("data-total-micros", Long.toString(total));
            element(svg, "title", xmlSafe(title));
            grid(svg, step);
            bars(svg, days, axisMax);
            dayLabels(svg, days);
            svg.writeEndElement();
            svg.flush();
            svg.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the spend chart", e);
        }
        return out.toString();
    }

    /** The chart in words: its title, its days and their total. */
    static String description(String title, List<DailySpend> days, long total) {
        if (days.isEmpty()) {
            return title + ": no days";
        }
        return title + ": " + days.get(0).day() + " to " + days.get(days.size() - 1).day() + ", total "
                + Format.money(total);
    }

    /**
     * The step between grid lines: the smallest 1, 2 or 5 x 10^k micro-dollars (at least a cent)
     * whose {@value #TICKS} steps reach {@code max}.
     */
    static long step(long max) {
        if (max == 0) {
            return EMPTY_STEP_MICROS;
        }
        for (long power = MIN_STEP_MICROS; power <= Long.MAX_VALUE / 10 / TICKS; power *= 10) {
            for (long factor : new long[] { 1, 2, 5 }) {
                if (factor * power * TICKS >= max) {
                    return factor * power;
                }
            }
        }
        return max / TICKS + (max % TICKS == 0 ? 0 : 1);
    }

    private static void grid(XMLStreamWriter svg, long step) throws XMLStreamException {
        for (int i = 0; i <= TICKS; i++) {
            long y = (long) (TOP + PLOT_HEIGHT) * 10 - (long) PLOT_HEIGHT * 10 * i / TICKS;
            svg.writeEmptyElement("line");
            svg.writeAttribute("class", "grid");
            svg.writeAttribute("x1", px(LEFT * 10L));
            svg.writeAttribute("x2", px((LEFT + PLOT_WIDTH) * 10L));
            svg.writeAttribute("y1", px(y));
            svg.writeAttribute("y2", px(y));
            svg.writeAttribute("stroke", i == 0 ? "#888888" : "#dddddd");
            svg.writeAttribute("stroke-width", "1");
            svg.writeStartElement("text");
            svg.writeAttribute("class", "axis");
            svg.writeAttribute("x", px((LEFT - 6) * 10L));
            svg.writeAttribute("y", px(y + 40));
            svg.writeAttribute("text-anchor", "end");
            svg.writeAttribute("font-size", "11");
            svg.writeAttribute("fill", "#555555");
            svg.writeCharacters(Format.money(step * i));
            svg.writeEndElement();
        }
    }

    private static void bars(XMLStreamWriter svg, List<DailySpend> days, long axisMax) throws XMLStreamException {
        if (days.isEmpty()) {
            return;
        }
        long slot = PLOT_WIDTH * 10L / days.size();
        long width = Math.max(10, slot * 7 / 10);
        long bottom = (TOP + PLOT_HEIGHT) * 10L;
        for (int i = 0; i < days.size(); i++) {
            DailySpend d = days.get(i);
            long height = BigInteger.valueOf(d.spentMicros()).multiply(BigInteger.valueOf(PLOT_HEIGHT * 10L))
                    .divide(BigInteger.valueOf(axisMax)).longValueExact();
            svg.writeStartElement("rect");
            svg.writeAttribute("class", "bar");
            svg.writeAttribute("x", px(LEFT * 10L + slot * i + (slot - width) / 2));
            svg.writeAttribute("y", px(bottom - height));
            svg.writeAttribute("width", px(width));
            svg.writeAttribute("height", px(height));
            svg.writeAttribute("fill", "#3b6fb6");
            svg.writeAttribute("data-day", d.day().toString());
            svg.writeAttribute("data-spent-micros", Long.toString(d.spentMicros()));
            svg.writeAttribute("data-entries", Long.toString(d.entries()));
            element(svg, "title", d.day() + ": " + Format.money(d.spentMicros()));
            svg.writeEndElement();
        }
    }

    /** The first day, then about every sixth of the days, under their bars. */
    private static void dayLabels(XMLStreamWriter svg, List<DailySpend> days) throws XMLStreamException {
        if (days.isEmpty()) {
            return;
        }
        long slot = PLOT_WIDTH * 10L / days.size();
        int every = Math.max(1, (days.size() + DAY_LABELS - 1) / DAY_LABELS);
        for (int i = 0; i < days.size(); i += every) {
            svg.writeStartElement("text");
            svg.writeAttribute("class", "axis");
            svg.writeAttribute("x", px(LEFT * 10L + slot * i + slot / 2));
            svg.writeAttribute("y", px((HEIGHT - 10) * 10L));
            svg.writeAttribute("text-anchor", "middle");
            svg.writeAttribute("font-size", "11");
            svg.writeAttribute("fill", "#555555");
            svg.writeCharacters(DAY_LABEL.format(days.get(i).day()));
            svg.writeEndElement();
        }
    }

    private static void element(XMLStreamWriter svg, String name, String text) throws XMLStreamException {
        svg.writeStartElement(name);
        svg.writeCharacters(text);
        svg.writeEndElement();
    }

    /** Tenths of a pixel as a coordinate: 1234 -> "123.4". */
    static String px(long tenths) {
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }

    /** The text with every character XML 1.0 cannot carry (controls, lone surrogates) replaced by U+FFFD. */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
