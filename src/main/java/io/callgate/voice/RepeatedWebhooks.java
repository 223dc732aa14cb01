package io.callgate.voice;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A carrier delivers a webhook again when it got no answer in time, with the same
 * {@code I-Twilio-Idempotency-Token}. The first delivery runs the flow; every repeat gets the stored answer, so
 * nothing happens twice (no second code sent, no second failed attempt counted). A repeat that arrives while
 * the first is still running waits for it, up to {@code callgate.voice.in-progress-wait}, then gets 409.
 * Runs after {@link SignedWebhooks}: only signed requests are stored or answered from the store.
 */
class RepeatedWebhooks extends OncePerRequestFilter {

    static final String TOKEN_HEADER = "I-Twilio-Idempotency-Token";

    private final WebhookAnswers answers;
    private final VoiceProperties properties;

    RepeatedWebhooks(WebhookAnswers answers, VoiceProperties properties) {
        this.answers = answers;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(TOKEN_HEADER);
        if (token == null || token.isBlank() || token.length() > 200) {
            chain.doFilter(request, response);
            return;
        }
        String key = WebhookAnswers.key(token, request.getMethod(), request.getRequestURI());
        String fingerprint = WebhookAnswers.sha256(String.valueOf(signatureOf(request)));
        if (!answers.claim(key, fingerprint, properties.idempotencyTtl())) {
            replay(key, fingerprint, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, captured);
            if (captured.getStatus() < 500) {
                answers.complete(key, captured.getStatus(), captured.getContentType(),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
                stored = true;
            }
        } finally {
            if (!stored) {
                answers.release(key);
            }
            captured.copyBodyToResponse();
        }
    }

    private static String signatureOf(HttpServletRequest request) {
        for (String header : SignedWebhooks.SIGNATURE_HEADERS) {
            String value = request.getHeader(header);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private void replay(String key, String fingerprint, HttpServletResponse response) throws IOException {
        Optional<WebhookAnswers.Answer> answer = answers.find(key);
        // Bounded wait for the first delivery's answer; the wall clock measures it, not the injected one.
        Instant giveUp = Instant.now().plus(properties.inProgressWait());
        while (answer.isPresent() && answer.get().inProgress() && Instant.now().isBefore(giveUp)) {
            try {
                Thread.sleep(Duration.ofMillis(50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = answers.find(key);
        }
        if (answer.isEmpty() || answer.get().inProgress()) {
            plain(response, HttpServletResponse.SC_CONFLICT, "The first delivery of this request is still being answered\n");
            return;
        }
        if (!answer.get().fingerprint().equals(fingerprint)) {
            plain(response, 422, "The idempotency token was already used for another request\n");
            return;
        }
        response.setStatus(answer.get().status());
        if (answer.get().contentType() != null) {
            response.setContentType(answer.get().contentType());
        }
        response.setHeader("X-Callgate-Replayed", "true");
        response.getOutputStream().write(answer.get().body().getBytes(StandardCharsets.UTF_8));
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text);
    }
}
