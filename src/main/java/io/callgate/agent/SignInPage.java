package io.callgate.agent;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in form; Spring Security takes its post. */
@Controller
class SignInPage {

    @GetMapping("/agent/login")
    String form() {
        return "agent/login";
    }
}
