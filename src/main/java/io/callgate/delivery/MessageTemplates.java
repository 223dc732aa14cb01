package io.callgate.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of every code message, in every language: the one place messages are rendered.
 *
 * <p>Bundled templates live in {@code messages/<language>.yaml} (and the shared email layouts in
 * {@code messages/common.yaml}); {@code callgate.templates.<language>.<name>} overrides any of
 * them or adds a language. A template names its values in braces: {@code {service}},
 * {@code {code}}, {@code {minutes}}, {@code {validity}} ("10 minutes", in the language),
 * {@code {to}} (the masked destination), {@code {warning}} (the do-not-share line, or nothing),
 * {@code {lang}}, or another template of the same language ({@code {email-intro}}). In
 * {@code email-html} every inserted value is HTML-escaped; in {@code call} and
 * {@code call-prompt} the code is read digit by digit.
 *
 * <p>Every template of every language is rendered once at start, so a wrong override (an unknown
 * placeholder, a missing template, a code in a subject) stops the start instead of a message.
 */
@Component
public class MessageTemplates {

    /** The languages with bundled templates. */
    public static final List<String> BUNDLED = List.of("en", "es", "fr", "de", "pt", "it", "nl", "ja");

    /** Templates each language must resolve to. */
    static final List<String> NAMES = List.of("sms", "warning", "call", "call-prompt", "call-code", "goodbye", "email-subject", "email-text",
            "email-html", "email-intro", "email-expiry", "email-footer", "minute", "minutes");

    private static final Set<String> VALUES = Set.of("service", "code", "minutes", "validity", "to", "warning", "lang");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z-]*)}");
    private static final String SAMPLE_CODE = "9081726354";

    /** What a message says: who sends it, the code, how long it lasts, to whom. */
    public record Content(String serviceName, String code, Duration validity, boolean doNotShareWarning, String maskedTo) {

        @Override
        public String toString() {
            return "Content[" + serviceName + "]";
        }
    }

    private enum Mode { TEXT, HTML, SPOKEN }

    /** Lower-case language tag → template name → template, overrides first. */
    private final Map<String, Map<String, String>> overrides;
    private final Map<String, Map<String, String>> bundled = new LinkedHashMap<>();
    private final Map<String, String> common;

    @Autowired
    MessageTemplates(Environment environment) {
        this(Binder.get(environment).bind("callgate.templates", Bindable.mapOf(String.class, Object.class))
                .map(MessageTemplates::flatten).orElse(Map.of()));
    }

    /** @param overrides language tag → template name → template */
    public MessageTemplates(Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> normalised = new LinkedHashMap<>();
        overrides.forEach((tag, templates) -> normalised.computeIfAbsent(MessageLanguage.normalise(tag),
                t -> new LinkedHashMap<>()).putAll(templates));
        this.overrides = normalised;
        for (String language : BUNDLED) {
            bundled.put(language, load("messages/" + language + ".yaml"));
        }
        this.common = load("messages/common.yaml");
        validate();
    }

    /** The language tags a message can be written in, bundled and configured. */
    public Set<String> languages() {
        Set<String> tags = new TreeSet<>(bundled.keySet());
        tags.addAll(overrides.keySet());
        return tags;
    }

    /**
     * The language to write in, as a BCP 47 tag ({@code en}, {@code pt-BR}).
     *
     * @param requested the verification's Locale ({@code es}, {@code pt-BR}), or null
     * @param country the destination's ISO country, or null (email)
     */
    public String language(String requested, String country) {
        Set<String> tags = languages();
        return Locale.forLanguageTag(MessageLanguage.choose(requested, country, tags::contains)).toLanguageTag();
    }

    /**
     * The message of one send, in the language {@link #language} chooses.
     *
     * @param waitForKeypress a call that first asks for a key press (a person, not voicemail)
     */
    public OutboundMessage render(Channel channel, String to, String country, String requestedLocale, Content content,
                                  String reference, boolean waitForKeypress) {
        String chosen = language(requestedLocale, country);
        String tag = MessageLanguage.normalise(chosen);
        return switch (channel) {
            case SMS -> new OutboundMessage(channel, to, null, render(tag, "sms", content, Mode.TEXT), content.code(),
                    reference, chosen, null);
            case CALL -> new OutboundMessage(channel, to, null, render(tag, "call", content, Mode.SPOKEN), content.code(),
                    reference, MessageLanguage.voice(tag, requestedLocale, country),
                    waitForKeypress ? render(tag, "call-prompt", content, Mode.SPOKEN) : null);
            case EMAIL -> new OutboundMessage(channel, to, render(tag, "email-subject", content, Mode.TEXT),
                    render(tag, "email-text", content, Mode.TEXT), content.code(), reference, chosen, null,
                    render(tag, "email-html", content, Mode.HTML));
        };
    }

    /**
     * What a call that waited for a key press says once the key came: the code, twice, and goodbye. The
     * service was named in the prompt already.
     *
     * @param voiceTag the call's voice language ({@code ja-JP}, {@code es})
     */
    public String codeAfterKeypress(String voiceTag, String code) {
        return render(MessageLanguage.normalise(voiceTag), "call-code",
                new Content("", code, Duration.ofMinutes(1), false, null), Mode.SPOKEN);
    }

    /** What a call says when there is nothing (more) to read. */
    public String goodbye(String voiceTag) {
        return render(MessageLanguage.normalise(voiceTag), "goodbye",
                new Content("", "", Duration.ofMinutes(1), false, null), Mode.SPOKEN);
    }

    /** One template of one language, filled in; for tests and previews. */
    String render(String tag, String name, Content content) {
        Mode mode = name.equals("email-html") ? Mode.HTML : name.startsWith("call") ? Mode.SPOKEN : Mode.TEXT;
        return render(MessageLanguage.normalise(tag), name, content, mode);
    }

    /** How the code is read aloud: digit by digit, with a pause between digits. */
    static String spoken(String code) {
        return code.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
    }

    private String render(String tag, String name, Content content, Mode mode) {
        String text = fill(tag, template(tag, name), content, mode, new HashSet<>(Set.of(name)));
        return tidy(text, mode);
    }

    private String fill(String tag, String template, Content content, Mode mode, Set<String> visiting) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(tag, m.group(1), content, mode, visiting);
            m.appendReplacement(out, Matcher.quoteReplacement(mode == Mode.HTML ? escape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A placeholder's text, unescaped: a value, or another template rendered as plain text. */
    private String value(String tag, String name, Content content, Mode mode, Set<String> visiting) {
        Mode inner = mode == Mode.HTML ? Mode.TEXT : mode;
        return switch (name) {
            // Control characters (a line break in a name) have no place in a subject or a sentence.
            case "service" -> content.serviceName().replaceAll("\\p{Cntrl}+", " ").strip();
            case "code" -> mode == Mode.SPOKEN ? spoken(content.code()) : content.code();
            case "minutes" -> String.valueOf(minutes(content.validity()));
            case "validity" -> part(tag, minutes(content.validity()) == 1 ? "minute" : "minutes", content, inner, visiting);
            case "to" -> content.maskedTo() == null ? "" : content.maskedTo();
            case "warning" -> content.doNotShareWarning() ? part(tag, "warning", content, inner, visiting) : "";
            case "lang" -> Locale.forLanguageTag(tag).toLanguageTag();
            default -> part(tag, name, content, inner, visiting);
        };
    }

    private String part(String tag, String name, Content content, Mode mode, Set<String> visiting) {
        if (!visiting.add(name)) {
            throw new IllegalStateException("template " + name + " includes itself");
        }
        try {
            return fill(tag, template(tag, name), content, mode, visiting);
        } finally {
            visiting.remove(name);
        }
    }

    /** The override of the tag, the bundled one, then the same for its bare language, then the shared layouts. */
    private String template(String tag, String name) {
        String language = MessageLanguage.languageOf(tag);
        for (String candidate : tag.equals(language) ? List.of(tag) : List.of(tag, language)) {
            String found = overrides.getOrDefault(candidate, Map.of()).get(name);
            if (found == null) {
                found = bundled.getOrDefault(candidate, Map.of()).get(name);
            }
            if (found != null) {
                return found;
            }
        }
        String shared = common.get(name);
        if (shared == null) {
            throw new IllegalStateException("no template " + name + " for language " + tag);
        }
        return shared;
    }

    private static int minutes(Duration validity) {
        return (int) Math.max(1, validity.toMinutes());
    }

    /** An empty {warning} leaves spaces behind: close them up. */
    private static String tidy(String text, Mode mode) {
        String tidied = text.replaceAll("[ \\t]+\\n", "\n").replaceAll("(?<=\\S) {2,}(?=\\S)", " ").strip();
        return mode == Mode.HTML ? tidied.replace(" </p>", "</p>") : tidied;
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    /** Renders everything with a sample code, so a broken template is found at start. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        Content sample = new Content("Sample <&> Service", SAMPLE_CODE, Duration.ofMinutes(10), true, "+1******4567");
        Content oneMinute = new Content("Sample", SAMPLE_CODE, Duration.ofSeconds(60), false, "s***@example.com");
        for (String tag : languages()) {
            for (String name : NAMES) {
                try {
                    check(tag, name, render(tag, name, sample), problems);
                    check(tag, name, render(tag, name, oneMinute), problems);
                } catch (IllegalStateException e) {
                    problems.add(tag + "." + name + ": " + e.getMessage());
                }
            }
            Set<String> unknown = new TreeSet<>(overrides.getOrDefault(tag, Map.of()).keySet());
            unknown.removeAll(NAMES);
            unknown.forEach(name -> problems.add(tag + "." + name + ": not a template name, expected one of " + NAMES));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("callgate.templates: " + String.join("; ", problems));
        }
    }

    private static void check(String tag, String name, String rendered, List<String> problems) {
        Matcher leftover = PLACEHOLDER.matcher(rendered);
        if (leftover.find() && !VALUES.contains(leftover.group(1))) {
            problems.add(tag + "." + name + ": unknown placeholder {" + leftover.group(1) + "}");
        }
        int codes = count(rendered, SAMPLE_CODE) + count(rendered, spoken(SAMPLE_CODE));
        int expected = switch (name) {
            case "sms", "email-text", "email-html" -> 1;
            case "call", "call-code" -> 2;
            default -> 0;
        };
        if (codes != expected) {
            problems.add(tag + "." + name + ": must contain {code} " + (expected == 0 ? "nowhere" : expected + " time(s)")
                    + ", found " + codes);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static Map<String, String> load(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        ClassPathResource file = new ClassPathResource(resource);
        if (!file.exists()) {
            throw new UncheckedIOException(new IOException("missing " + resource));
        }
        yaml.setResources(file);
        Properties properties = yaml.getObject();
        Map<String, String> templates = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> templates.put(k, properties.getProperty(k)));
        return templates;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> flatten(Map<String, Object> bound) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        bound.forEach((tag, templates) -> {
            if (!(templates instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("callgate.templates." + tag + ": expected template names under it");
            }
            Map<String, String> byName = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((name, text) -> byName.put(name.toLowerCase(Locale.ROOT), String.valueOf(text)));
            result.put(tag, byName);
        });
        return result;
    }
}
