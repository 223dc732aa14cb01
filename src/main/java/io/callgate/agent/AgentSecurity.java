package io.callgate.agent;

import io.callgate.directory.PinHasher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import io.callgate.limits.SlidingWindow;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Security guards the console only ({@code /agent/**}); every other surface keeps its own
 * guard (API credentials, carrier signatures). Pages need a signed-in agent, a CSRF token on every
 * form and a session cookie that scripts cannot read; the CRM post API is signed instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class AgentSecurity {

    static final String CONTENT_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain crmPostChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/agent/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, Agents agents, PinHasher hasher, SlidingWindow attempts, AgentAudit audit,
                                Clock clock, AgentProperties properties) throws Exception {
        var json = PathPatternRequestMatcher.withDefaults().matcher("/agent/interactions/*/customer");
        return http.securityMatcher("/agent/**")
                // Its own manager, without a parent: a refused sign-in must not be tried a second time elsewhere.
                .authenticationManager(new ProviderManager(signIn(agents, hasher, attempts, audit, clock, properties)))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new ForgedTokensRefused()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/agent/login").permitAll()
                        .anyRequest().hasRole(Agents.ROLE))
                .formLogin(form -> form.loginPage("/agent/login").defaultSuccessUrl("/agent", true)
                        .failureUrl("/agent/login?error")
                        .successHandler(audit.signInHandler("/agent")))
                .logout(logout -> logout.logoutUrl("/agent/logout").logoutSuccessUrl("/agent/login?signedOut")
                        .addLogoutHandler(audit.signOutHandler()))
                .sessionManagement(session -> session.invalidSessionUrl("/agent/login?expired")
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), json)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/agent/login"),
                                request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    private static AgentSignIn signIn(Agents agents, PinHasher hasher, SlidingWindow attempts, AgentAudit audit, Clock clock,
                            AgentProperties properties) {
        AgentPasswords encoder = new AgentPasswords(hasher);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(agents);
        passwords.setPasswordEncoder(encoder);
        return new AgentSignIn(passwords, encoder, attempts, audit, clock, properties.maxLoginFailures(),
                properties.loginWindow());
    }
}
