package io.callgate.account;

import io.callgate.system.ServerSecrets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Puts authentication in front of every API surface, the admin API included; the dev inbox and actuator stay outside. */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

    @Bean
    FilterRegistrationBean<ApiAuthentication> apiAuthentication(ServerSecrets secrets, ApiKeys keys, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ApiAuthentication(secrets, keys, json));
        registration.addUrlPatterns("/v2/*", "/2010-04-01/*", "/api/*", "/admin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
