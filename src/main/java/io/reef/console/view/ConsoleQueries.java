package io.reef.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ReefClock;

/**
 * The figures of the operator's dashboard, of the operator's page of a tenant, and of a tenant's
 * spend chart. Read-only; each call is its own new transaction and one snapshot (REPEATABLE READ,
 * READ ONLY), whatever transaction the caller is in. Days are UTC calendar
 * days; "today" and "this month" are those containing {@link ReefClock#now()}. Each page's ledger
 * figures come from one read of the daily rollup ({@code ledger_daily}): the daily rows of the window
 * covering both the last 30 days and this month, summed here into today, this month, the chart and
 * the by-model table.
 */
@ApplicationScoped
public class ConsoleQueries {

    /** Days in a spend chart, today included. */
    public static final int CHART_DAYS = 30;
    /** The most events a dashboard asks for. */
    public static final int MAX_RECENT_EVENTS = 100;

    private final ConsoleRepository repository;
    private final ReefClock clock;

    public ConsoleQueries(ConsoleRepository repository, ReefClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Every tenant's figures, and the newest {@code recentEvents} events (at most {@value #MAX_RECENT_EVENTS}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Dashboard dashboard(int recentEvents) {
        return dashboard(clock.now(), recentEvents);
    }

    /** The operator's figures of one tenant (an unknown tenant has only zeros). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TenantActivity tenant(UUID tenantId) {
        return tenant(tenantId, clock.now());
    }

    /** A tenant's own spend chart: its last 30 days, oldest first, zero days included (no upstream cost). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DailySpend> tenantDailySpend(UUID tenantId) {
        return tenant(tenantId, clock.now()).last30Days();
    }

    Dashboard dashboard(Instant now, int recentEvents) {
        if (recentEvents < 0 || recentEvents > MAX_RECENT_EVENTS) {
            throw new IllegalArgumentException("recentEvents must be 0.." + MAX_RECENT_EVENTS);
        }
        repository.oneSnapshot();
        Window window = Window.containing(now);
        Figures figures = Figures.of(window, repository.daily(window.from(), window.to()));
        long inFlight = repository.jobsInFlight();
        List<RecentEvent> events = recentEvents == 0 ? List.of() : repository.recentEvents(recentEvents);
        return new Dashboard(figures.today, figures.month, inFlight, figures.chart, events);
    }

    TenantActivity tenant(UUID tenantId, Instant now) {
        repository.oneSnapshot();
        Window window = Window.containing(now);
        List<ConsoleRepository.DayRow> rows = repository.tenantDailyByModel(tenantId, window.from(), window.to());
        Figures figures = Figures.of(window, rows);
        return new TenantActivity(tenantId, figures.today, figures.month, repository.jobsInFlight(tenantId),
                figures.chart, byModel(window, rows));
    }

    /** The models' spend over the chart's days, largest first (then by provider and model). */
    private static List<ModelSpend> byModel(Window window, List<ConsoleRepository.DayRow> rows) {
        Map<List<String>, Spend> sums = new LinkedHashMap<>();
        for (ConsoleRepository.DayRow r : rows) {
            if (!r.day().isBefore(window.chartFrom())) {
                sums.merge(List.of(r.provider(), r.model()), new Spend(r.entries(), r.priceMicros(), r.costMicros()),
                        (a, b) -> a.plus(b.entries(), b.spentMicros(), b.costMicros()));
            }
        }
        List<ModelSpend> result = new ArrayList<>();
        sums.forEach((key, s) -> result.add(new ModelSpend(key.get(0), key.get(1), s.entries(), s.spentMicros(),
                s.costMicros())));
        result.sort(Comparator.comparingLong(ModelSpend::spentMicros).reversed()
                .thenComparing(ModelSpend::provider).thenComparing(ModelSpend::model));
        return result;
    }

    /**
     * The days a page reads: from the earlier of the chart's first day and the month's first day,
     * to today (UTC) included.
     */
    record Window(LocalDate today, LocalDate chartFrom, LocalDate monthFrom) {

        static Window containing(Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            return new Window(today, today.minusDays(CHART_DAYS - 1), today.withDayOfMonth(1));
        }

        LocalDate from() {
            return chartFrom.isBefore(monthFrom) ? chartFrom : monthFrom;
        }

        /** The day after today: the window's end, excluded. */
        LocalDate to() {
            return today.plusDays(1);
        }
    }

    /** Today's and this month's sums and the chart's days, from the window's daily rows. */
    private record Figures(Spend today, Spend month, List<DailySpend> chart) {

        static Figures of(Window window, List<ConsoleRepository.DayRow> rows) {
            Spend today = Spend.NONE;
            Spend month = Spend.NONE;
            Map<LocalDate, Spend> days = new TreeMap<>();
            for (ConsoleRepository.DayRow r : rows) {
                if (r.day().equals(window.today())) {
                    today = today.plus(r.entries(), r.priceMicros(), r.costMicros());
                }
                if (!r.day().isBefore(window.monthFrom())) {
                    month = month.plus(r.entries(), r.priceMicros(), r.costMicros());
                }
                days.merge(r.day(), new Spend(r.entries(), r.priceMicros(), r.costMicros()),
                        (a, b) -> a.plus(b.entries(), b.spentMicros(), b.costMicros()));
            }
            List<DailySpend> chart = new ArrayList<>(CHART_DAYS);
            for (LocalDate d = window.chartFrom(); !d.isAfter(window.today()); d = d.plusDays(1)) {
                Spend s = days.getOrDefault(d, Spend.NONE);
                chart.add(new DailySpend(d, s.entries(), s.spentMicros()));
            }
            return new Figures(today, month, List.copyOf(chart));
        }
    }
}
