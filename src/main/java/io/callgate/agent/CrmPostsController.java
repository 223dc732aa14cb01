package io.callgate.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import io.callgate.verify.Destination;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /agent/api/interactions}: a CRM or contact-center platform announces a caller to the console, signed
 * with the shared secret ({@link CrmPosts}). The same task posted again answers the interaction it already has.
 */
@TwilioApi
@RestController
@RequestMapping("/agent/api/interactions")
class CrmPostsController {

    private final CrmPosts posts;
    private final InteractionDesk desk;
    private final JsonMapper json;
    private final PublicUrls urls;

    CrmPostsController(CrmPosts posts, InteractionDesk desk, JsonMapper json, PublicUrls urls) {
        this.posts = posts;
        this.desk = desk;
        this.json = json;
        this.urls = urls;
    }

    record Announcement(String caller, @JsonProperty("task_id") String taskId,
                        @JsonProperty("customer_ref") String customerRef, @JsonProperty("call_sid") String callSid) {
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Map<String, Object>> announce(@RequestHeader(name = "X-Callgate-Signature", required = false) String signature,
                                                 @RequestBody byte[] body) {
        posts.accept(signature, body);
        Announcement a;
        try {
            a = json.readValue(body, Announcement.class);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "The body is not a JSON announcement");
        }
        if (a.taskId() == null || a.taskId().isBlank() || a.taskId().length() > 128) {
            throw ApiException.invalidParameter("task_id");
        }
        if (a.customerRef() != null && a.customerRef().length() > 64) {
            throw ApiException.invalidParameter("customer_ref");
        }
        if (a.callSid() != null && !a.callSid().matches("[A-Za-z0-9]{2,128}")) {
            throw ApiException.invalidParameter("call_sid");
        }
        String caller = Destination.phone(a.caller() == null ? "" : a.caller().strip()).address();
        InteractionDesk.Opened opened = desk.open(Interaction.Source.CRM, a.callSid(), a.taskId().strip(), caller,
                a.customerRef());
        Interaction i = opened.interaction();
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(Map.of(
                "sid", i.sid(), "status", i.status().wireName(), "verified", i.verified(),
                "console_url", urls.of("/agent/interactions/" + i.sid())));
    }
}
