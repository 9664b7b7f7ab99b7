package io.reef.console.view;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart is well-formed SVG (parsed back with the JDK's XML parser), each bar carries its day's
 * exact data and a money title, zero days are zero-height bars, bars are proportional to the amounts
 * on an axis labelled in money, and every text given to it is escaped.
 */
class SpendChartCarriesEachDaysDataAndEscapesTextTest {

    static final LocalDate FIRST = LocalDate.of(2026, 11, 2);

    /** 30 days, most of them zero, the largest $4.00 exactly (so the axis is $0.00 .. $4.00). */
    static List<DailySpend> thirtyDays() {
        List<DailySpend> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long micros = switch (i) {
                case 0 -> 1;
                case 7 -> 1_234_567;
                case 15 -> 2_000_000;
                case 29 -> 4_000_000;
                default -> 0;
            };
            days.add(new DailySpend(FIRST.plusDays(i), micros == 0 ? 0 : i + 1, micros));
        }
        return days;
    }

    @Test
    void everyBarCarriesItsDaysDataAndAMoneyTitle() throws Exception {
        List<DailySpend> days = thirtyDays();
        Element svg = parse(SpendChart.svg("Daily spend, last 30 days", days));
        List<Element> bars = byClass(svg, "rect", "bar");
        assertEquals(30, bars.size());
        for (int i = 0; i < 30; i++) {
            DailySpend d = days.get(i);
            Element bar = bars.get(i);
            assertEquals(d.day().toString(), bar.getAttribute("data-day"));
            assertEquals(Long.toString(d.spentMicros()), bar.getAttribute("data-spent-micros"));
            assertEquals(Long.toString(d.entries()), bar.getAttribute("data-entries"));
            assertEquals(d.day() + ": " + Format.money(d.spentMicros()),
                    bar.getElementsByTagNameNS(SpendChart.SVG_NS, "title").item(0).getTextContent());
        }
        assertEquals("2026-11-09: $1.23", bars.get(7).getTextContent());
        assertEquals("30", svg.getAttribute("data-days"));
        assertEquals(Long.toString(1 + 1_234_567 + 2_000_000 + 4_000_000), svg.getAttribute("data-total-micros"));
    }

    @Test
    void zeroDaysAreZeroHeightBarsAndHeightsAreProportional() throws Exception {
        List<Element> bars = byClass(parse(SpendChart.svg("Spend", thirtyDays())), "rect", "bar");
        assertEquals("0", bars.get(1).getAttribute("height"));
        assertEquals("0", bars.get(28).getAttribute("height"));
        assertEquals("200", bars.get(29).getAttribute("height")); // $4.00 of a $4.00 axis: the whole plot
        assertEquals("100", bars.get(15).getAttribute("height")); // $2.00: half of it
        assertEquals("61.7", bars.get(7).getAttribute("height")); // $1.234567 of $4.00, in tenths of a pixel
        // every bar stands on the same baseline
        for (Element bar : bars) {
            assertEquals(212.0, Double.parseDouble(bar.getAttribute("y")) + Double.parseDouble(bar.getAttribute("height")),
                    0.001);
        }
    }

    @Test
    void theAxisIsLabelledInMoney() throws Exception {
        List<String> labels = byClass(parse(SpendChart.svg("Spend", thirtyDays())), "text", "axis").stream()
                .map(Element::getTextContent).filter(t -> t.startsWith("$")).toList();
        assertEquals(List.of("$0.00", "$1.00", "$2.00", "$3.00", "$4.00"), labels);
    }

    @Test
    void theChartIsAnAccessibleImageDescribedInWords() throws Exception {
        Element svg = parse(SpendChart.svg("Daily spend, last 30 days", thirtyDays()));
        assertEquals("img", svg.getAttribute("role"));
        assertEquals("Daily spend, last 30 days: 2026-11-02 to 2026-12-01, total $7.23", svg.getAttribute("aria-label"));
        assertEquals("Daily spend, last 30 days", firstChild(svg, "title").getTextContent());
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        String title = "<script>alert(\"1\")</script> & 'Co' ]]> \u0001\ud800";
        String markup = SpendChart.svg(title, thirtyDays());
        assertFalse(markup.contains("<script"), markup);
        assertFalse(markup.contains("]]>"), markup);
        Element svg = parse(markup);
        String carried = "<script>alert(\"1\")</script> & 'Co' ]]> \ufffd\ufffd";
        assertEquals(carried, firstChild(svg, "title").getTextContent());
        assertTrue(svg.getAttribute("aria-label").startsWith(carried + ": "), svg.getAttribute("aria-label"));
    }

    @Test
    void noDaysIsAnEmptyWellFormedChart() throws Exception {
        Element svg = parse(SpendChart.svg("Spend", List.of()));
        assertEquals(0, byClass(svg, "rect", "bar").size());
        assertEquals("Spend: no days", svg.getAttribute("aria-label"));
        assertEquals("0", svg.getAttribute("data-total-micros"));
    }

    @Test
    void gridStepsAreOneTwoOrFiveTimesAPowerOfTenAndAtLeastACent() {
        assertEquals(1_000_000, SpendChart.step(0));
        assertEquals(10_000, SpendChart.step(1));
        assertEquals(10_000, SpendChart.step(40_000));
        assertEquals(20_000, SpendChart.step(40_001));
        assertEquals(1_000_000, SpendChart.step(4_000_000));
        assertEquals(2_000_000, SpendChart.step(4_000_001));
        assertEquals(5_000_000, SpendChart.step(8_000_001));
        assertEquals(500_000_000_000_000L, SpendChart.step(1_000_000_000_000_000L)); // a billion dollars a day
    }

    static Element parse(String markup) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
        Element svg = document.getDocumentElement();
        assertEquals("svg", svg.getLocalName());
        assertEquals(SpendChart.SVG_NS, svg.getNamespaceURI());
        return svg;
    }

    static List<Element> byClass(Element root, String tag, String cssClass) {
        NodeList nodes = root.getElementsByTagNameNS(SpendChart.SVG_NS, tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cssClass.equals(e.getAttribute("class"))) {
                found.add(e);
            }
        }
        return found;
    }

    static Element firstChild(Element parent, String tag) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && tag.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + tag);
    }
}
