package io.callgate.agent;

import io.callgate.verify.Destination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages: the live interactions, and one interaction with its actions. Pages are rendered on the
 * server, forms post and redirect back; the customer's details are put into a page only once the interaction is
 * verified, so a browser that was never given them cannot show them.
 */
@Controller
@RequestMapping("/agent")
class ConsoleController {

    private static final Pattern INTERACTION_PATH = Pattern.compile("/agent/interactions/(IN[0-9a-f]{32})/");

    private final InteractionDesk desk;
    private final Agents agents;
    private final AgentAudit audit;
    private final AgentProperties properties;

    ConsoleController(InteractionDesk desk, Agents agents, AgentAudit audit, AgentProperties properties) {
        this.desk = desk;
        this.agents = agents;
        this.audit = audit;
        this.properties = properties;
    }

    @GetMapping
    String list(Principal agent, Model model) {
        model.addAttribute("agent", displayName(agent));
        model.addAttribute("interactions", desk.live().stream().map(i -> Row.of(i, agent.getName())).toList());
        // The list has no inputs, so reloading it keeps it live without any script.
        model.addAttribute("refreshSeconds", 10);
        return "agent/interactions";
    }

    /** One line of the list: nothing on it identifies the customer. */
    record Row(String sid, String caller, String source, String status, String takenBy, boolean mine, String since) {

        static Row of(Interaction i, String me) {
            return new Row(i.sid(), Destination.mask(i.caller()), i.source().name().toLowerCase(java.util.Locale.ROOT),
                    i.status().wireName(), i.agent(), i.takenBy(me), io.callgate.api.Iso.format(i.dateCreated()));
        }
    }

    @GetMapping("/interactions/{sid}")
    String interaction(@PathVariable String sid, Principal agent, Model model) {
        Interaction interaction = desk.find(sid).orElseThrow(() -> new InteractionDesk.Refused("not-found", true));
        if (interaction.agent() != null && !interaction.takenBy(agent.getName())) {
            audit.record(agent.getName(), sid, "refused", "taken by another agent");
            throw new InteractionDesk.Refused("taken", true);
        }
        model.addAttribute("agent", displayName(agent));
        model.addAttribute("i", interaction);
        model.addAttribute("status", interaction.status().wireName());
        model.addAttribute("caller", Destination.mask(interaction.caller()));
        model.addAttribute("destination", Destination.mask(interaction.destination()));
        model.addAttribute("onFile", desk.numberOnFile(interaction).map(Destination::mask).orElse(null));
        model.addAttribute("readbacksLeft", Math.max(0, properties.maxFailedReadbacks() - interaction.failedReadbacks()));
        if (interaction.verified() && interaction.customerRef() != null) {
            try {
                model.addAttribute("customer", desk.customer(agent.getName(), sid));
            } catch (InteractionDesk.Refused e) {
                model.addAttribute("customerProblem", e.reason());
            }
        }
        model.addAttribute("history", audit.entries(sid, null, 50));
        return "agent/interaction";
    }

    @PostMapping("/interactions/{sid}/send")
    String send(@PathVariable String sid, @RequestParam(defaultValue = "caller") String target, Principal agent,
                RedirectAttributes flash) {
        desk.sendCode(agent.getName(), sid,
                "on_file".equals(target) ? InteractionDesk.Target.ON_FILE : InteractionDesk.Target.CALLER);
        flash.addFlashAttribute("notice", "sent");
        return back(sid);
    }

    @PostMapping("/interactions/{sid}/cancel")
    String cancel(@PathVariable String sid, Principal agent, RedirectAttributes flash) {
        desk.cancelCode(agent.getName(), sid);
        flash.addFlashAttribute("notice", "canceled");
        return back(sid);
    }

    @PostMapping("/interactions/{sid}/check")
    String check(@PathVariable String sid, @RequestParam(defaultValue = "") String code, Principal agent,
                 RedirectAttributes flash) {
        InteractionDesk.Readback result = desk.checkReadback(agent.getName(), sid, code);
        if (result == InteractionDesk.Readback.VERIFIED) {
            flash.addFlashAttribute("notice", "verified");
        } else {
            flash.addFlashAttribute("problem", result.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return back(sid);
    }

    @PostMapping("/interactions/{sid}/end")
    String end(@PathVariable String sid, Principal agent) {
        desk.end(agent.getName(), sid);
        return "redirect:/agent";
    }

    /** For CRM widgets in the agent's browser: the details as JSON, 403 until the interaction is verified. */
    @GetMapping(path = "/interactions/{sid}/customer", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> customer(@PathVariable String sid, Principal agent) {
        try {
            CustomerDetails.Customer c = desk.customer(agent.getName(), sid);
            return ResponseEntity.ok(Map.of("name", nullToEmpty(c.name()), "phone", nullToEmpty(c.phone()),
                    "email", nullToEmpty(c.email()), "details", c.details()));
        } catch (InteractionDesk.Refused e) {
            return ResponseEntity.status(e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT)
                    .body(Map.of("error", e.reason()));
        }
    }

    @ExceptionHandler(InteractionDesk.Refused.class)
    String refused(InteractionDesk.Refused e, HttpServletRequest request, HttpServletResponse response, Model model,
                   RedirectAttributes flash) {
        Matcher path = INTERACTION_PATH.matcher(request.getRequestURI());
        if (e.forbidden() || !path.find() || "GET".equals(request.getMethod())) {
            response.setStatus("not-found".equals(e.reason()) ? 404 : 403);
            model.addAttribute("reason", e.reason());
            return "agent/refused";
        }
        flash.addFlashAttribute("problem", e.reason());
        return back(path.group(1));
    }

    private String displayName(Principal agent) {
        return agents.find(agent.getName()).map(Agents.Agent::displayName).orElse(agent.getName());
    }

    private static String back(String sid) {
        return "redirect:/agent/interactions/" + sid;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
