package io.reef.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Variant;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code fmt:} namespace, the view records and the chart render in Qute as the pages will use them. */
@QuarkusTest
class FormatAndChartAreUsableFromQuteTemplatesTest {

    @Inject
    Engine engine;

    @Test
    void moneyAndTimeFormatFromATemplate() {
        String out = engine.parse("{fmt:money(amount)} at {fmt:time(at)}, {fmt:money(spend.marginMicros)}")
                .data("amount", 1_234_560_000L)
                .data("at", Instant.parse("2026-12-01T18:35:12Z"))
                .data("spend", new Spend(3, 1_500_000, 2_000_000))
                .render();
        assertEquals("$1,234.56 at 2026-12-01 18:35 UTC, -$0.50", out);
    }

    @Test
    void aDaysRecordRendersItsFields() {
        String out = engine.parse("{#for d in days}{fmt:day(d.day)} {fmt:money(d.spentMicros)} ({d.entries}){/for}")
                .data("days", List.of(new DailySpend(LocalDate.of(2026, 11, 30), 2, 1_234_567)))
                .render();
        assertEquals("2026-11-30 $1.23 (2)", out);
    }

    @Test
    void inAnHtmlTemplateTheChartIsInsertedAsMarkupWithRawAndEscapedWithout() {
        String svg = SpendChart.svg("Spend", List.of(new DailySpend(LocalDate.of(2026, 11, 30), 1, 5)));
        Variant html = Variant.forContentType(Variant.TEXT_HTML);
        assertEquals("<p>" + svg + "</p>", engine.parse("<p>{chart.raw}</p>", html).data("chart", svg).render());
        assertTrue(engine.parse("<p>{chart}</p>", html).data("chart", svg).render().startsWith("<p>&lt;svg "));
    }
}
