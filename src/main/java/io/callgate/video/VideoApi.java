package io.callgate.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.Iso;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gate for apps, without credentials (the code is the credential): {@code POST /video/api/{room}/tickets}
 * with {@code {"identity"}}, then {@code POST /video/api/{room}/tokens} with {@code {"ticket", "code"}}.
 * Errors are {@code {"error", "message"}}, with {@code attempts_left} for a refused code and a
 * {@code Retry-After} header for a cap. Nothing is cached: a token is a bearer credential.
 */
@RestController
@RequestMapping(path = "/video/api/{room}", produces = MediaType.APPLICATION_JSON_VALUE)
class VideoApi {

    record TicketRequest(String identity) {
    }

    record TicketAnswer(String ticket, @JsonProperty("sent_to") String sentTo, String channel,
                        @JsonProperty("expires_at") String expiresAt) {
    }

    record TokenRequest(String ticket, String code) {
    }

    record TokenAnswer(String token, @JsonProperty("expires_at") String expiresAt, String url, String room, String kind,
                       String identity, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorAnswer(String error, String message, @JsonProperty("sent_to") String sentTo,
                       @JsonProperty("attempts_left") Integer attemptsLeft) {
    }

    private final VideoGate gate;

    VideoApi(VideoGate gate) {
        this.gate = gate;
    }

    @PostMapping(path = "/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketAnswer> ticket(@PathVariable String room, @RequestBody(required = false) TicketRequest body,
                                        @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String asked,
                                        Locale locale) {
        // Without Accept-Language the Verify core picks the message's language by the number's country.
        VideoGate.Entry entry = gate.enter(room, body == null ? null : body.identity(), asked == null ? null : locale);
        return answer(HttpStatus.CREATED).body(new TicketAnswer(entry.ticket(), entry.hint().text(),
                entry.hint().channel().wireName(), Iso.format(entry.expiresAt())));
    }

    @PostMapping(path = "/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenAnswer> token(@PathVariable String room, @RequestBody(required = false) TokenRequest body) {
        VideoGate.Admission admitted = gate.admit(room, body == null ? null : body.ticket(), body == null ? null : body.code());
        return answer(HttpStatus.OK).body(new TokenAnswer(admitted.token().token(), Iso.format(admitted.token().expiresAt()),
                admitted.token().url(), admitted.room().name(), admitted.room().kind().wireName(),
                admitted.participant().identity(), admitted.participant().role()));
    }

    @ExceptionHandler(GateRefusal.class)
    ResponseEntity<ErrorAnswer> refused(GateRefusal e) {
        var response = answer(e.reason().status);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(new ErrorAnswer(e.reason().slug(), e.getMessage(),
                e.hint() == null ? null : e.hint().text(), e.attemptsLeft() < 0 ? null : e.attemptsLeft()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorAnswer> unreadable(HttpMessageNotReadableException e) {
        return answer(HttpStatus.BAD_REQUEST).body(new ErrorAnswer("invalid_request",
                "Send a JSON object with Content-Type: application/json", null, null));
    }

    private static ResponseEntity.BodyBuilder answer(HttpStatus status) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON);
    }
}
