package io.callgate.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright never downloads a browser here: the
 * executable comes from {@code CHROMIUM_BIN} (default {@code /usr/bin/chromium}). Without one the
 * test is skipped, unless {@code CALLGATE_REQUIRE_BROWSER=true} demands it (as CI does); then it fails.
 *
 * <p>Every context records each response body it received and each request that left for anywhere
 * but the server under test, so tests can say what reached the page and that nothing came from the internet.
 */
public final class Browser implements AutoCloseable {

    /** A response the page received: its URL, status and body (empty for redirects). */
    public record Received(String url, int status, String body) {
    }

    /** A browser context (one person's cookies and pages) with what it received. */
    public record Session(BrowserContext context, List<Received> received, List<String> elsewhere) {

        public com.microsoft.playwright.Page page() {
            return context.pages().isEmpty() ? context.newPage() : context.pages().getFirst();
        }
    }

    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browser launch() {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            if ("true".equalsIgnoreCase(System.getenv("CALLGATE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException("Chromium is required (CALLGATE_REQUIRE_BROWSER=true) but "
                        + chromium + " is not executable; install Debian's chromium or set CHROMIUM_BIN");
            }
            return Assumptions.abort("no Chromium at " + chromium + " (set CHROMIUM_BIN)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(FLAGS)));
    }

    /** A fresh context whose pages ask for the given language ({@code en}, {@code es}). */
    public Session session(String base, String language) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale(language).setViewportSize(1100, 800));
        List<Received> received = Collections.synchronizedList(new ArrayList<>());
        List<String> elsewhere = Collections.synchronizedList(new ArrayList<>());
        context.onRequest((Request request) -> {
            if (!request.url().startsWith(base) && !request.url().startsWith("data:")) {
                elsewhere.add(request.url());
            }
        });
        context.onResponse((Response response) -> {
            String body;
            try {
                body = response.status() >= 300 && response.status() < 400 ? "" : response.text();
            } catch (RuntimeException e) {
                body = "";
            }
            received.add(new Received(response.url(), response.status(), body));
        });
        return new Session(context, received, elsewhere);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
