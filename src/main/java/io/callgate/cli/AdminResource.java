package io.callgate.cli;

import java.util.List;

/** A collection of the admin API ({@code /admin/{name}}) that the command line manages. */
record AdminResource(String name, String description) {

    static final List<AdminResource> ALL = List.of(
            new AdminResource("lines", "Conference lines (/admin/lines); import takes a YAML file."),
            new AdminResource("accounts", "IVR accounts of the local directory (/admin/accounts); import takes a CSV file."),
            new AdminResource("agents", "Agents of the agent console (/admin/agents)."),
            new AdminResource("rooms", "Video rooms and their participants (/admin/rooms); a participant's ID is"
                    + " ROOM/participants/IDENTITY."));

    String path() {
        return "/admin/" + name;
    }
}
