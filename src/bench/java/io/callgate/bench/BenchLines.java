package io.callgate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lines of the voice benchmark, imported through {@code /admin/lines/import}: one {@code open} line, and
 * {@code verified} lines whose members are the simulated callers, one caller per member, each on its own number.
 */
final class BenchLines {

    static final String OPEN = "bench-open";
    /** callgate takes at most this many members on one line. */
    static final int MAX_MEMBERS = 500;

    /** A member of a verified line, calling from their own phone. */
    record Caller(String phone, String lineUrl) {
    }

    private final List<Caller> callers;
    private final String openUrl;

    private BenchLines(List<Caller> callers, String openUrl) {
        this.callers = callers;
        this.openUrl = openUrl;
    }

    List<Caller> callers() {
        return callers;
    }

    String openUrl() {
        return openUrl;
    }

    /** Spreads {@code callers} members over {@code lines} verified lines, consecutive callers on different lines. */
    static BenchLines create(ApiClient api, String base, int lines, int callers, PhoneNumbers numbers) throws Exception {
        if (lines < 1 || (callers + lines - 1) / lines > MAX_MEMBERS) {
            throw new IllegalArgumentException(callers + " callers need at least " + ((callers + MAX_MEMBERS - 1) / MAX_MEMBERS)
                    + " lines (at most " + MAX_MEMBERS + " members a line)");
        }
        List<List<Map<String, String>>> members = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            members.add(new ArrayList<>());
        }
        List<Caller> all = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String phone = numbers.next();
            members.get(i % lines).add(Map.of("name", "Caller " + i, "phone", phone));
            all.add(new Caller(phone, base + "/voice/lines/" + verified(i % lines)));
        }
        List<Map<String, Object>> definitions = new ArrayList<>();
        definitions.add(Map.of("path", OPEN, "mode", "open"));
        for (int l = 0; l < lines; l++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("path", verified(l));
            line.put("mode", "verified");
            // Every code typed is right, so the cap counts only entries being checked; the default (20) would turn
            // away callers of a line with more than 20 codes in flight at once.
            line.put("maxFailuresPerHour", 10_000);
            line.put("members", members.get(l));
            definitions.add(line);
        }
        String body = JsonMapper.builder().build().writeValueAsString(Map.of("lines", definitions));
        ApiClient.Response r = api.post("/admin/lines/import", "application/json", body);
        if (r.status() != 200) {
            throw new IllegalStateException("importing the lines answered " + r.status() + ": " + r.body());
        }
        return new BenchLines(List.copyOf(all), base + "/voice/lines/" + OPEN);
    }

    private static String verified(int line) {
        return "bench-verified-" + line;
    }
}
