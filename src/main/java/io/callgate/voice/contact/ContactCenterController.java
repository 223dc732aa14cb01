package io.callgate.voice.contact;

import io.callgate.agent.Interaction;
import io.callgate.agent.InteractionDesk;
import io.callgate.session.CallerSessions;
import io.callgate.voice.CallerIds;
import io.callgate.voice.Twiml;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /voice/contact-center/{name}}, behind the carrier signature check of /voice/*: the call becomes an
 * interaction on the agent console (verified already when the caller logged in on the IVR in this call), and the
 * caller is put through to the agents.
 */
@RestController
class ContactCenterController {

    private static final Logger log = LoggerFactory.getLogger(ContactCenterController.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ContactCenterProperties properties;
    private final CallerSessions sessions;
    private final InteractionDesk desk;

    ContactCenterController(ContactCenterProperties properties, CallerSessions sessions, InteractionDesk desk) {
        this.properties = properties;
        this.sessions = sessions;
        this.desk = desk;
    }

    @PostMapping(path = "/voice/contact-center/{name}", produces = Twiml.CONTENT_TYPE)
    ResponseEntity<String> call(@PathVariable String name, @RequestParam Map<String, String> params) {
        ContactCenterProperties.Line line = NAME.matcher(name).matches() ? properties.contactCenter().get(name) : null;
        if (line == null) {
            return twiml(HttpStatus.NOT_FOUND, Twiml.response()
                    .say("This number is not in service. Goodbye.", Twiml.Voice.DEFAULT).hangup());
        }
        Twiml.Voice voice = new Twiml.Voice(blankToNull(line.voice()), blankToNull(line.language()));
        String callSid = params.get("CallSid");
        if (callSid == null || callSid.isBlank() || callSid.length() > 128) {
            return twiml(HttpStatus.BAD_REQUEST, Twiml.response()
                    .say("Sorry, this call cannot be served. Goodbye.", voice).hangup());
        }
        String from = CallerIds.e164(params.get("From")).orElse("anonymous");
        sessions.open(callSid, params.get("From"), "/voice/contact-center/" + name);
        InteractionDesk.Opened opened = desk.open(Interaction.Source.CALL, callSid, null, from, null);
        if (opened.created()) {
            log.info("contact-center line {}: call {} is interaction {} ({})", name, callSid,
                    opened.interaction().sid(), opened.interaction().status().name().toLowerCase(java.util.Locale.ROOT));
        }
        Twiml answer = Twiml.response().say(line.hold(), voice);
        return twiml(HttpStatus.OK, line.connect() == null || line.connect().isBlank() ? answer.hangup()
                : answer.dialTo(line.connect().strip()));
    }

    private static ResponseEntity<String> twiml(HttpStatus status, Twiml twiml) {
        return ResponseEntity.status(status).header("Content-Type", Twiml.CONTENT_TYPE).body(twiml.toXml());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
