package io.callgate.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.Iso;
import io.callgate.api.PublicUrls;
import io.callgate.api.TwilioApi;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/rooms}: video rooms and their participants as JSON, behind the API credentials like the rest of
 * {@code /admin}; errors use the API's error body.
 */
@RestController
@TwilioApi
@RequestMapping(path = "/admin/rooms", produces = MediaType.APPLICATION_JSON_VALUE)
class RoomsController {

    static final String TWILIO_NOTICE = "Twilio Programmable Video closes on 5 December 2026: move this room to LiveKit or Jitsi";

    record ParticipantView(String identity, String name, String phone, String email, String channel, String role) {

        static ParticipantView of(Participant p) {
            return new ParticipantView(p.identity(), p.name(), p.phone(), p.email(), p.channel().wireName(), p.role());
        }
    }

    record RoomView(String name, String kind, @JsonProperty("display_name") String displayName,
                    @JsonProperty("link_template") String linkTemplate,
                    @JsonProperty("verify_service") String verifyService,
                    @JsonProperty("page_url") String pageUrl, @JsonProperty("api_url") String apiUrl,
                    List<ParticipantView> participants,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
                    @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated) {
    }

    private final Rooms rooms;
    private final RoomAdministration administration;
    private final PublicUrls urls;

    RoomsController(Rooms rooms, RoomAdministration administration, PublicUrls urls) {
        this.rooms = rooms;
        this.administration = administration;
        this.urls = urls;
    }

    @GetMapping
    Map<String, List<RoomView>> list() {
        return Map.of("rooms", rooms.all().stream().map(this::view).toList());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RoomView> create(@RequestBody(required = false) RoomAdministration.RoomForm form) {
        return ResponseEntity.status(HttpStatus.CREATED).body(view(administration.create(form).value()));
    }

    @GetMapping("/{room}")
    RoomView fetch(@PathVariable String room) {
        return rooms.find(room).map(this::view).orElseThrow(() -> RoomAdministration.notFound("/admin/rooms/" + room));
    }

    /** Creates or replaces the room; participants in the body replace its list, none keeps it. */
    @PutMapping(path = "/{room}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RoomView> put(@PathVariable String room, @RequestBody(required = false) RoomAdministration.RoomForm form) {
        var saved = administration.put(room, form);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(saved.value()));
    }

    @DeleteMapping("/{room}")
    ResponseEntity<Void> delete(@PathVariable String room) {
        if (!administration.delete(room)) {
            throw RoomAdministration.notFound("/admin/rooms/" + room);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{room}/participants")
    Map<String, List<ParticipantView>> participants(@PathVariable String room) {
        fetch(room);
        return Map.of("participants", rooms.participants(room).stream().map(ParticipantView::of).toList());
    }

    @PostMapping(path = "/{room}/participants", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ParticipantView> add(@PathVariable String room,
                                        @RequestBody(required = false) RoomAdministration.ParticipantForm form) {
        var saved = administration.putParticipant(room, null, form, true);
        return ResponseEntity.status(HttpStatus.CREATED).body(ParticipantView.of(saved.value()));
    }

    @GetMapping("/{room}/participants/{identity}")
    ParticipantView participant(@PathVariable String room, @PathVariable String identity) {
        return rooms.participant(room, normalised(identity)).map(ParticipantView::of)
                .orElseThrow(() -> RoomAdministration.notFound("/admin/rooms/" + room + "/participants/" + identity));
    }

    @PutMapping(path = "/{room}/participants/{identity}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ParticipantView> putParticipant(@PathVariable String room, @PathVariable String identity,
                                                   @RequestBody(required = false) RoomAdministration.ParticipantForm form) {
        var saved = administration.putParticipant(room, normalised(identity), form, false);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ParticipantView.of(saved.value()));
    }

    /** The participant gets no further token from now on. */
    @DeleteMapping("/{room}/participants/{identity}")
    ResponseEntity<Void> remove(@PathVariable String room, @PathVariable String identity) {
        if (!administration.removeParticipant(room, normalised(identity))) {
            throw RoomAdministration.notFound("/admin/rooms/" + room + "/participants/" + identity);
        }
        return ResponseEntity.noContent().build();
    }

    private RoomView view(Room room) {
        return new RoomView(room.name(), room.kind().wireName(), room.displayName(), room.linkTemplate(),
                room.verifyService(), urls.of("/video/" + room.name()), urls.of("/video/api/" + room.name()),
                rooms.participants(room.name()).stream().map(ParticipantView::of).toList(),
                room.kind() == RoomKind.TWILIO ? TWILIO_NOTICE : null,
                Iso.format(room.dateCreated()), Iso.format(room.dateUpdated()));
    }

    private static String normalised(String identity) {
        return identity.strip().toLowerCase(Locale.ROOT);
    }
}
