package io.callgate.voice;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the signature check, then the repeated-delivery check, in front of every {@code /voice/*} webhook. */
@Configuration(proxyBeanMethods = false)
class VoiceFilters {

    @Bean
    FilterRegistrationBean<SignedWebhooks> signedWebhooks(Carriers carriers, ObjectProvider<CarrierAssignment> assignments,
                                                          @Value("${callgate.public-base-url:}") String publicBaseUrl,
                                                          MeterRegistry meters) {
        var filter = new SignedWebhooks(carriers, assignments, publicBaseUrl, meters);
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/voice/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RepeatedWebhooks> repeatedWebhooks(WebhookAnswers answers, VoiceProperties properties) {
        var registration = new FilterRegistrationBean<>(new RepeatedWebhooks(answers, properties));
        registration.addUrlPatterns("/voice/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }
}
