package io.callgate.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.api.TwilioApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agents and their audit trail over JSON, behind the API credentials (/admin/*). Passwords go in, never out. */
@TwilioApi
@RestController
@RequestMapping("/admin")
class AgentsController {

    private final Agents agents;
    private final AgentAudit audit;

    AgentsController(Agents agents, AgentAudit audit) {
        this.agents = agents;
        this.audit = audit;
    }

    record AgentView(String username, @JsonProperty("display_name") String displayName, boolean enabled,
                     @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated) {

        static AgentView of(Agents.Agent a) {
            return new AgentView(a.username(), a.displayName(), a.enabled(), Iso.format(a.dateCreated()),
                    Iso.format(a.dateUpdated()));
        }
    }

    record AgentForm(String username, @JsonProperty("display_name") String displayName, String password,
                     Boolean enabled) {
    }

    record AuditView(long id, String at, String agent, @JsonProperty("interaction_sid") String interactionSid,
                     String action, String detail) {

        static AuditView of(AgentAudit.Entry e) {
            return new AuditView(e.id(), Iso.format(e.at()), e.agent(), e.interactionSid(), e.action(), e.detail());
        }
    }

    @GetMapping("/agents")
    Map<String, List<AgentView>> list() {
        return Map.of("agents", agents.list().stream().map(AgentView::of).toList());
    }

    @PostMapping(path = "/agents", consumes = "application/json")
    ResponseEntity<AgentView> create(@RequestBody AgentForm form) {
        if (form.username() == null) {
            throw ApiException.missingParameter("username");
        }
        if (form.password() == null) {
            throw ApiException.missingParameter("password");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AgentView.of(agents.create(form.username(), form.displayName(), form.password())));
    }

    @GetMapping("/agents/{username}")
    AgentView get(@PathVariable String username) {
        return AgentView.of(agents.find(username)
                .orElseThrow(() -> ApiException.notFound("/admin/agents/" + username)));
    }

    @PutMapping(path = "/agents/{username}", consumes = "application/json")
    AgentView update(@PathVariable String username, @RequestBody AgentForm form) {
        return AgentView.of(agents.update(username, form.displayName(), form.password(), form.enabled()));
    }

    @DeleteMapping("/agents/{username}")
    ResponseEntity<Void> delete(@PathVariable String username) {
        agents.delete(username);
        return ResponseEntity.noContent().build();
    }

    /** The audit trail, newest first: of one interaction, of one agent, or all. */
    @GetMapping("/audit")
    Map<String, List<AuditView>> audit(@RequestParam(name = "interaction", required = false) String interaction,
                                       @RequestParam(name = "agent", required = false) String agent,
                                       @RequestParam(name = "limit", defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        return Map.of("entries", audit.entries(interaction, agent, bounded).stream().map(AuditView::of).toList());
    }
}
