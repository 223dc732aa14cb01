package io.callgate.video;

import java.time.Instant;

/**
 * A video room as stored.
 *
 * @param name the slug in the gate's URL ({@code /video/{name}}) and the room name inside the token
 * @param linkTemplate where a person is sent with the token, {@code {room}} and {@code {token}} replaced;
 *                     null: the token is handed over as it is, for an app
 * @param verifyService the room's own Verify service, named after it, which sends its codes
 */
record Room(String name, RoomKind kind, String displayName, String linkTemplate, String verifyService,
            Instant dateCreated, Instant dateUpdated) {
}
