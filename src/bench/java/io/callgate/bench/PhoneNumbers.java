package io.callgate.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique North American numbers, consecutive ones in different prefixes (the number without its
 * last four digits, as the pumping defence groups them): 20 area codes × 800 exchanges = 16,000
 * prefixes, 10,000 numbers in each.
 */
final class PhoneNumbers {

    private static final List<String> AREA_CODES = List.of("201", "212", "213", "305", "312", "404", "415", "503",
            "512", "602", "617", "702", "713", "801", "818", "917", "206", "303", "414", "615");
    private static final int EXCHANGES = 800;
    private static final int PREFIXES = AREA_CODES.size() * EXCHANGES;

    private final AtomicLong next = new AtomicLong();

    String next() {
        long n = next.getAndIncrement();
        int prefix = (int) (n % PREFIXES);
        long line = n / PREFIXES;
        if (line >= 10_000) {
            throw new IllegalStateException("out of unique numbers");
        }
        String areaCode = AREA_CODES.get(prefix % AREA_CODES.size());
        int exchange = 200 + prefix / AREA_CODES.size();
        return "+1" + areaCode + exchange + String.format("%04d", line);
    }
}
