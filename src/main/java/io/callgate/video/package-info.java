/**
 * The video-room gate: a person gives their identity at {@code /video/{room}} (or the JSON API under
 * {@code /video/api/{room}}), receives a one-time code at the contact point the room has for them, types it,
 * and only then gets a short-lived join token for LiveKit, Jitsi Meet or (legacy) Twilio Video. Rooms and their
 * participants are managed through {@code /admin/rooms}.
 */
package io.callgate.video;
