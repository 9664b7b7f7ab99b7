package io.reef.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags the HTTP server metrics of a provider path by its template ({@link Provider#pathTemplates()}),
 * never by the path itself: one time series per route, not one per job id. Quarkus templates a
 * request that reached its resource by itself, but one a pre-matching filter answered (a 401 for a
 * bad key, a 413, a 429) never reaches a resource, and would otherwise be counted under its raw path:
 * a stranger probing random ids would create a series for each, and fill the
 * {@code max-uri-tags} budget. Quarkus applies every {@link MeterFilter} bean to its registries.
 */
@Singleton
public class ProviderPathMetrics implements MeterFilter {

    private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

    private final Map<Pattern, String> templates = new LinkedHashMap<>();

    ProviderPathMetrics(Providers providers) {
        for (Provider provider : providers.all()) {
            for (String template : provider.pathTemplates()) {
                templates.put(regex(template), template);
            }
        }
    }

    /** {@code /v1/jobs/{id}} matches {@code /v1/jobs/} and one path segment, nothing else. */
    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("[^/]+");
            last = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last))).toString());
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String uri = id.getName().startsWith("http.server") ? id.getTag("uri") : null;
        if (uri == null) {
            return id;
        }
        for (Map.Entry<Pattern, String> template : templates.entrySet()) {
            if (template.getKey().matcher(uri).matches()) {
                return id.withTag(Tag.of("uri", template.getValue())); // replaces the raw uri: a key is kept once
            }
        }
        return id;
    }
}
