package io.callgate.directory;

import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Picks the account directory named by {@code callgate.directory.type}. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfig {

    @Bean
    AccountDirectory accountDirectory(DirectoryProperties properties, Accounts accounts, PinHasher hasher, JsonMapper json) {
        return switch (properties.type()) {
            case LOCAL -> new LocalDirectory(accounts, hasher);
            case OIDC -> new OidcDirectory(properties.oidc(), HttpClient.newBuilder()
                    .connectTimeout(properties.oidc().timeout()).followRedirects(HttpClient.Redirect.NEVER).build(), json);
        };
    }
}
