package io.callgate.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which language a message is written in: the verification's {@code Locale} when callgate has
 * templates for it ({@code pt-BR}, else {@code pt}), otherwise the language of the destination
 * number's country, otherwise English. A call also needs a voice: a language with a region, as
 * text-to-speech engines name their voices ({@code es-ES}, {@code ja-JP}).
 */
final class MessageLanguage {

    static final String DEFAULT = "en";

    /** The main language of each country whose language has bundled templates; other countries get English. */
    private static final Map<String, String> BY_COUNTRY = byCountry(
            "es", "ES MX AR CO CL PE VE EC GT CU BO DO HN PY SV NI CR PA UY PR GQ",
            "fr", "FR MC LU SN CI ML BF NE TG BJ GA CG CD CM MG HT RE GP MQ GF YT PF NC PM BL MF WF MA DZ TN",
            "de", "DE AT CH LI",
            "pt", "PT BR AO MZ CV GW ST TL",
            "it", "IT SM VA",
            "nl", "NL BE SR AW CW SX BQ",
            "ja", "JP");

    /** The voice of each bundled language when nothing says which variant. */
    private static final Map<String, String> DEFAULT_VOICE = Map.of("en", "en-US", "es", "es-ES", "fr", "fr-FR",
            "de", "de-DE", "pt", "pt-BR", "it", "it-IT", "nl", "nl-NL", "ja", "ja-JP");

    /** Regional voices that common text-to-speech engines (Twilio, Polly, Google) offer. */
    private static final Set<String> REGIONAL_VOICES = Set.of("en-US", "en-GB", "en-AU", "en-CA", "en-IN", "es-ES",
            "es-MX", "es-US", "fr-FR", "fr-CA", "de-DE", "pt-BR", "pt-PT", "it-IT", "nl-NL", "ja-JP");

    private MessageLanguage() {
    }

    /**
     * The language tag to render in, lower-case ({@code en}, {@code pt}, {@code pt-br}).
     *
     * @param requested the verification's Locale, e.g. {@code es}, {@code pt-BR}, {@code zh-HK}; may be null
     * @param country the destination's ISO 3166 country, null for email
     * @param available whether templates exist for a lower-case tag
     */
    static String choose(String requested, String country, Predicate<String> available) {
        if (requested != null && !requested.isBlank()) {
            String tag = normalise(requested);
            if (available.test(tag)) {
                return tag;
            }
            String language = languageOf(tag);
            return available.test(language) ? language : DEFAULT;
        }
        if (country != null) {
            String language = BY_COUNTRY.get(country.toUpperCase(Locale.ROOT));
            if (language != null && available.test(language)) {
                return language;
            }
        }
        return DEFAULT;
    }

    /**
     * The voice for a call in {@code tag}: the requested region when it names a known voice
     * ({@code pt-PT}), else the destination's country when it does ({@code en-GB} for +44),
     * else the language's usual voice.
     */
    static String voice(String tag, String requested, String country) {
        String language = languageOf(tag);
        for (String region : new String[] {regionOf(requested), regionOf(tag), country}) {
            if (region != null) {
                String candidate = language + "-" + region.toUpperCase(Locale.ROOT);
                if (REGIONAL_VOICES.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return DEFAULT_VOICE.getOrDefault(language, language);
    }

    /** {@code pt_br}, {@code PT-BR} → {@code pt-br}. */
    static String normalise(String tag) {
        return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    static String languageOf(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static String regionOf(String tag) {
        if (tag == null) {
            return null;
        }
        String[] parts = normalise(tag).split("-");
        // es-419 or zh-Hant-HK: the region is the last two-letter part after the language.
        for (int i = parts.length - 1; i > 0; i--) {
            if (parts[i].length() == 2) {
                return parts[i];
            }
        }
        return null;
    }

    private static Map<String, String> byCountry(String... languageAndCountries) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < languageAndCountries.length; i += 2) {
            for (String country : languageAndCountries[i + 1].split(" ")) {
                map.put(country, languageAndCountries[i]);
            }
        }
        return Map.copyOf(map);
    }
}
