package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.VerificationAttempt;
import com.twilio.rest.verify.v2.VerificationAttemptsSummary;
import com.twilio.rest.verify.v2.service.RateLimit;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import com.twilio.rest.verify.v2.service.ratelimit.Bucket;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import com.twilio.rest.verify.v2.VerificationAttemptReader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The official twilio-java SDK, unchanged, drives callgate over real HTTP through the whole
 * Verify lifecycle and meets every error code the API documents.
 */
@CallgateTest
class TwilioSdkCompatibilityTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    TestServer server;
    TwilioRestClient twilio;

    @BeforeEach
    void connect() {
        server = new TestServer(port);
        twilio = server.twilio();
    }

    private Service newService(Consumer<com.twilio.rest.verify.v2.ServiceCreator> settings) {
        var creator = Service.creator("Acme");
        settings.accept(creator);
        return creator.create(twilio);
    }

    private static int uniqueNumber = 1000;

    /** A fresh destination per test step, so per-destination caps of earlier steps do not interfere. */
    private static synchronized String freshNumber() {
        return "+1555010" + (uniqueNumber++);
    }

    @Test
    void servicesCanBeCreatedFetchedListedUpdatedAndDeleted() {
        Service created = Service.creator("Acme Bank").setCodeLength(8).setDoNotShareWarningEnabled(true).create(twilio);
        assertThat(created.getSid()).matches("VA[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(TestServer.ACCOUNT_SID);
        assertThat(created.getCodeLength()).isEqualTo(8);
        assertThat(created.getDoNotShareWarningEnabled()).isTrue();
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getLinks()).containsKeys("verifications", "verification_checks", "rate_limits");
        assertThat(created.getUrl().getPath()).isEqualTo("/v2/Services/" + created.getSid());

        assertThat(Service.fetcher(created.getSid()).fetch(twilio).getFriendlyName()).isEqualTo("Acme Bank");

        Service updated = Service.updater(created.getSid()).setFriendlyName("Acme").setCodeLength(4).update(twilio);
        assertThat(updated.getFriendlyName()).isEqualTo("Acme");
        assertThat(updated.getCodeLength()).isEqualTo(4);

        for (int i = 0; i < 3; i++) {
            Service.creator("Paged " + i).create(twilio);
        }
        List<String> listed = new ArrayList<>();
        ResourceSet<Service> all = Service.reader().pageSize(2).read(twilio);
        all.forEach(s -> listed.add(s.getSid()));
        assertThat(listed).contains(created.getSid()).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();

        assertThat(Service.deleter(created.getSid()).delete(twilio)).isTrue();
        assertApiError(() -> Service.fetcher(created.getSid()).fetch(twilio), 404, 20404);
    }

    @Test
    void aCodeIsSentResentWithTheSameSidAndApprovedOnce() {
        Service service = newService(c -> { });
        String to = freshNumber();

        Verification started = Verification.creator(service.getSid(), to, "sms").create(twilio);
        assertThat(started.getSid()).matches("VE[0-9a-f]{32}");
        assertThat(started.getStatus()).isEqualTo("pending");
        assertThat(started.getValid()).isFalse();
        assertThat(started.getTo()).isEqualTo(to);
        assertThat(started.getChannel()).isEqualTo(Verification.Channel.SMS);
        assertThat(started.getSendCodeAttempts()).hasSize(1);
        String code = server.lastCode(to);
        assertThat(code).matches("\\d{6}");

        Verification resent = Verification.creator(service.getSid(), to, "sms").create(twilio);
        assertThat(resent.getSid()).isEqualTo(started.getSid());
        assertThat(resent.getSendCodeAttempts()).hasSize(2);
        assertThat(server.lastCode(to)).isEqualTo(code);

        assertThat(Verification.fetcher(service.getSid(), started.getSid()).fetch(twilio).getStatus()).isEqualTo("pending");

        VerificationCheck wrong = VerificationCheck.creator(service.getSid()).setTo(to).setCode(otherThan(code)).create(twilio);
        assertThat(wrong.getStatus()).isEqualTo("pending");
        assertThat(wrong.getValid()).isFalse();

        VerificationCheck right = VerificationCheck.creator(service.getSid()).setVerificationSid(started.getSid())
                .setCode(code).create(twilio);
        assertThat(right.getStatus()).isEqualTo("approved");
        assertThat(right.getValid()).isTrue();
        assertThat(right.getSid()).isEqualTo(started.getSid());

        // Approved is final: Twilio answers 404 for the check and the fetch; the native endpoint tells why.
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode(code).create(twilio), 404, 20404);
        assertApiError(() -> Verification.fetcher(service.getSid(), started.getSid()).fetch(twilio), 404, 20404);
        assertThat(outcome(started.getSid())).containsEntry("status", "approved").containsEntry("final", true)
                .containsEntry("reason", "the right code was checked").containsEntry("check_attempts", 2);

        // A new start after approval is a new verification with a new sid.
        Verification next = Verification.creator(service.getSid(), to, "call").create(twilio);
        assertThat(next.getSid()).isNotEqualTo(started.getSid());
        assertThat(next.getChannel()).isEqualTo(Verification.Channel.CALL);
    }

    @Test
    void aCheckByNumberFindsTheNewVerificationStartedInTheSameInstantAsAnApprovedOne() {
        // The test clock stands still, so both verifications carry the same creation time.
        Service service = newService(c -> { });
        String to = freshNumber();
        Verification.creator(service.getSid(), to, "sms").create(twilio);
        assertThat(VerificationCheck.creator(service.getSid()).setTo(to).setCode(server.lastCode(to)).create(twilio)
                .getStatus()).isEqualTo("approved");

        Verification second = Verification.creator(service.getSid(), to, "sms").create(twilio);
        VerificationCheck check = VerificationCheck.creator(service.getSid()).setTo(to).setCode(server.lastCode(to))
                .create(twilio);
        assertThat(check.getSid()).isEqualTo(second.getSid());
        assertThat(check.getStatus()).isEqualTo("approved");
    }

    @Test
    void emailAndCallChannelsCarryTheCode() {
        Service service = newService(c -> c.setCodeLength(4));
        Verification email = Verification.creator(service.getSid(), "Ada@Example.COM", "email").create(twilio);
        assertThat(email.getTo()).isEqualTo("Ada@example.com");
        var message = server.inbox("Ada@example.com").getFirst();
        assertThat(message.channel()).isEqualTo("email");
        assertThat(message.body()).contains(message.code()).contains("Acme");
        assertThat(message.code()).matches("\\d{4}");

        String to = freshNumber();
        Verification.creator(service.getSid(), to, "call").setCustomFriendlyName("Radio Nine").create(twilio);
        var call = server.inbox(to).getFirst();
        assertThat(call.channel()).isEqualTo("call");
        assertThat(call.body()).contains("Radio Nine").contains(String.join(", ", call.code().split("")));
    }

    @Test
    void canceledAndApprovedThroughUpdate() {
        Service service = newService(c -> { });
        String to = freshNumber();
        Verification v = Verification.creator(service.getSid(), to, "sms").create(twilio);
        Verification canceled = Verification.updater(service.getSid(), v.getSid(), Verification.Status.CANCELED).update(twilio);
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(outcome(v.getSid())).containsEntry("status", "canceled").containsEntry("final", true)
                .containsEntry("reason", "canceled through the API");
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode(server.lastCode(to)).create(twilio),
                404, 20404);
        assertApiError(() -> Verification.updater(service.getSid(), v.getSid(), Verification.Status.APPROVED).update(twilio),
                404, 20404);

        String other = freshNumber();
        Verification w = Verification.creator(service.getSid(), other, "sms").create(twilio);
        Verification approved = Verification.updater(service.getSid(), w.getSid(), Verification.Status.APPROVED).update(twilio);
        assertThat(approved.getStatus()).isEqualTo("approved");
        assertThat(approved.getValid()).isTrue();
    }

    @Test
    void customCodesNeedTheServiceSetting() {
        Service plain = newService(c -> { });
        assertApiError(() -> Verification.creator(plain.getSid(), freshNumber(), "sms").setCustomCode("4242").create(twilio),
                400, 60204);

        Service custom = newService(c -> c.setCustomCodeEnabled(true));
        String to = freshNumber();
        Verification.creator(custom.getSid(), to, "sms").setCustomCode("A1B2C3").create(twilio);
        assertThat(server.lastCode(to)).isEqualTo("A1B2C3");
        assertThat(VerificationCheck.creator(custom.getSid()).setTo(to).setCode("A1B2C3").create(twilio).getStatus())
                .isEqualTo("approved");
    }

    @Test
    void codesExpireAfterTheServiceValidity() {
        Service service = newService(c -> { });
        String to = freshNumber();
        Verification v = Verification.creator(service.getSid(), to, "sms").create(twilio);
        String code = server.lastCode(to);

        clock.advance(Duration.ofMinutes(10));
        assertThat(Verification.fetcher(service.getSid(), v.getSid()).fetch(twilio).getStatus()).isEqualTo("pending");
        clock.advance(Duration.ofMillis(1));
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode(code).create(twilio), 404, 20404);
        assertApiError(() -> Verification.fetcher(service.getSid(), v.getSid()).fetch(twilio), 404, 20404);

        // A start after expiry is a fresh verification, not a resend of the old code.
        Verification fresh = Verification.creator(service.getSid(), to, "sms").create(twilio);
        assertThat(fresh.getSid()).isNotEqualTo(v.getSid());
        assertThat(outcome(v.getSid())).containsEntry("status", "expired").containsEntry("final", true)
                .containsEntry("reason", "the code's validity ran out before it was checked");
    }

    @Test
    void eachServiceHasItsOwnCodeValidity() {
        var created = server.form("/v2/Services", Map.of("FriendlyName", "Brief", "CodeValidity", "120"));
        assertThat(created.statusCode()).isEqualTo(201);
        String service = (String) TestServer.json(created.body()).get("sid");
        assertThat(TestServer.json(created.body())).containsEntry("code_validity", 120);
        String to = freshNumber();
        Verification v = Verification.creator(service, to, "sms").create(twilio);
        assertThat(outcome(v.getSid())).containsEntry("expires_at", clock.instant().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS).toString());

        clock.advance(Duration.ofSeconds(120));
        assertThat(Verification.fetcher(service, v.getSid()).fetch(twilio).getStatus()).isEqualTo("pending");
        clock.advance(Duration.ofMillis(1));
        assertApiError(() -> VerificationCheck.creator(service).setTo(to).setCode(server.lastCode(to)).create(twilio),
                404, 20404);
        assertThat(outcome(v.getSid())).containsEntry("status", "expired");

        // A changed validity applies to the verifications started after it.
        assertThat(TestServer.json(server.form("/v2/Services/" + service, Map.of("CodeValidity", "300")).body()))
                .containsEntry("code_validity", 300);
        Verification later = Verification.creator(service, to, "sms").create(twilio);
        assertThat(outcome(later.getSid())).containsEntry("expires_at", clock.instant().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(TestServer.json(server.form("/v2/Services", Map.of("FriendlyName", "Long", "CodeValidity", "601"))
                .body())).containsEntry("code", 60200);
    }

    @Test
    void theSixthSendIs60203AndTheSixthCheckIs60202() {
        Service service = newService(c -> { });
        String to = freshNumber();
        for (int i = 0; i < 5; i++) {
            Verification.creator(service.getSid(), to, "sms").create(twilio);
        }
        assertApiError(() -> Verification.creator(service.getSid(), to, "sms").create(twilio), 429, 60203);

        String code = server.lastCode(to);
        for (int i = 0; i < 4; i++) {
            assertThat(VerificationCheck.creator(service.getSid()).setTo(to).setCode(otherThan(code)).create(twilio)
                    .getStatus()).isEqualTo("pending");
        }
        VerificationCheck last = VerificationCheck.creator(service.getSid()).setTo(to).setCode(otherThan(code)).create(twilio);
        assertThat(last.getStatus()).isEqualTo("max_attempts_reached");
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode(code).create(twilio), 429, 60202);
        assertThat(outcome(last.getSid())).containsEntry("status", "max_attempts_reached").containsEntry("final", true)
                .containsEntry("reason", "every allowed check was used with a wrong code").containsEntry("check_attempts", 5)
                .containsEntry("send_attempts", 5);
    }

    @Test
    void rateLimitsAndBucketsAreManagedAndEnforced() {
        Service service = newService(c -> { });
        RateLimit limit = RateLimit.creator(service.getSid(), "end_user_ip_address").setDescription("per IP").create(twilio);
        assertThat(limit.getSid()).matches("RK[0-9a-f]{32}");
        assertThat(limit.getLinks()).containsKey("buckets");
        assertApiError(() -> RateLimit.creator(service.getSid(), "end_user_ip_address").create(twilio), 400, 60208);
        assertThat(RateLimit.updater(service.getSid(), limit.getSid()).setDescription("client IP").update(twilio)
                .getDescription()).isEqualTo("client IP");
        assertThat(RateLimit.reader(service.getSid()).read(twilio)).extracting(RateLimit::getUniqueName)
                .containsExactly("end_user_ip_address");

        Bucket bucket = Bucket.creator(service.getSid(), limit.getSid(), 2, 60).create(twilio);
        assertThat(bucket.getSid()).matches("BL[0-9a-f]{32}");
        assertThat(Bucket.fetcher(service.getSid(), limit.getSid(), bucket.getSid()).fetch(twilio).getMax()).isEqualTo(2);
        assertThat(Bucket.updater(service.getSid(), limit.getSid(), bucket.getSid()).setInterval(120).update(twilio)
                .getInterval()).isEqualTo(120);
        // The SDK sends RateLimits as JSON; a clock step inside the window must not matter.
        assertThat(Bucket.reader(service.getSid(), limit.getSid()).read(twilio)).hasSize(1);

        Map<String, Object> ip = Map.of("end_user_ip_address", "203.0.113.7");
        Verification.creator(service.getSid(), freshNumber(), "sms").setRateLimits(ip).create(twilio);
        Verification.creator(service.getSid(), freshNumber(), "sms").setRateLimits(ip).create(twilio);
        // Over the bucket: 429 20429 with Retry-After. (Raw HTTP here, because the SDK's HTTP client honours
        // Retry-After by waiting and trying once more.)
        var limited = server.form("/v2/Services/" + service.getSid() + "/Verifications",
                Map.of("To", freshNumber(), "Channel", "sms", "RateLimits", "{\"end_user_ip_address\":\"203.0.113.7\"}"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(TestServer.json(limited.body())).containsEntry("code", 20429).containsEntry("status", 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("120");
        // Another end user is not affected, and the window passes.
        Verification.creator(service.getSid(), freshNumber(), "sms")
                .setRateLimits(Map.of("end_user_ip_address", "198.51.100.1")).create(twilio);
        clock.advance(Duration.ofSeconds(121));
        Verification.creator(service.getSid(), freshNumber(), "sms").setRateLimits(ip).create(twilio);

        assertThat(Bucket.deleter(service.getSid(), limit.getSid(), bucket.getSid()).delete(twilio)).isTrue();
        assertThat(RateLimit.deleter(service.getSid(), limit.getSid()).delete(twilio)).isTrue();
        assertApiError(() -> RateLimit.fetcher(service.getSid(), limit.getSid()).fetch(twilio), 404, 20404);
    }

    @Test
    void attemptsAreListedFilteredFetchedAndSummarised() {
        Service service = newService(c -> { });
        String to = freshNumber();
        Verification v = Verification.creator(service.getSid(), to, "sms").create(twilio);
        Verification.creator(service.getSid(), to, "call").create(twilio);
        VerificationCheck.creator(service.getSid()).setTo(to).setCode(server.lastCode(to)).create(twilio);
        Verification.creator(service.getSid(), freshNumber(), "sms").create(twilio);

        List<VerificationAttempt> forV = new ArrayList<>();
        VerificationAttempt.reader().setVerificationSid(v.getSid()).read(twilio).forEach(forV::add);
        assertThat(forV).hasSize(2).allSatisfy(a -> {
            assertThat(a.getSid()).matches("VL[0-9a-f]{32}");
            assertThat(a.getConversionStatus()).isEqualTo(VerificationAttempt.ConversionStatus.CONVERTED);
            assertThat(a.getServiceSid()).isEqualTo(service.getSid());
        });
        assertThat(forV).extracting(VerificationAttempt::getChannel)
                .containsExactlyInAnyOrder(VerificationAttempt.Channels.SMS, VerificationAttempt.Channels.CALL);

        List<VerificationAttempt> calls = new ArrayList<>();
        VerificationAttempt.reader().setVerifyServiceSid(service.getSid()).setChannel(VerificationAttempt.Channels.CALL)
                .read(twilio).forEach(calls::add);
        assertThat(calls).hasSize(1);

        List<VerificationAttempt> paged = new ArrayList<>();
        VerificationAttempt.reader().setVerifyServiceSid(service.getSid()).setPageSize(1L).read(twilio).forEach(paged::add);
        assertThat(paged).hasSize(3);

        VerificationAttempt one = VerificationAttempt.fetcher(forV.getFirst().getSid()).fetch(twilio);
        assertThat(one.getVerificationSid()).isEqualTo(v.getSid());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) one.getChannelData();
        assertThat(data).containsEntry("to", to).containsEntry("country", "US").containsEntry("status", "sent");

        VerificationAttemptsSummary summary = VerificationAttemptsSummary.fetcher().setVerifyServiceSid(service.getSid())
                .fetch(twilio);
        assertThat(summary.getTotalAttempts()).isEqualTo(3);
        assertThat(summary.getTotalConverted()).isEqualTo(2);
        assertThat(summary.getTotalUnconverted()).isEqualTo(1);
        assertThat(summary.getConversionRatePercentage()).isEqualTo("66.67");
    }

    @Test
    void attemptsAreFilteredByDateDestinationCountryAndConversion() {
        Service service = newService(c -> { });
        String us = freshNumber();
        String gb = "+447700900123";
        Verification.creator(service.getSid(), us, "sms").create(twilio);
        clock.advance(Duration.ofMinutes(1));
        ZonedDateTime between = clock.instant().atZone(ZoneOffset.UTC);
        clock.advance(Duration.ofMinutes(1));
        Verification.creator(service.getSid(), gb, "sms").create(twilio);
        VerificationCheck.creator(service.getSid()).setTo(gb).setCode(server.lastCode(gb)).create(twilio);

        Function<Consumer<VerificationAttemptReader>, List<String>> destinations = filter -> {
            VerificationAttemptReader reader = VerificationAttempt.reader().setVerifyServiceSid(service.getSid());
            filter.accept(reader);
            List<String> to = new ArrayList<>();
            reader.read(twilio).forEach(a -> to.add((String) ((Map<?, ?>) a.getChannelData()).get("to")));
            return to;
        };
        assertThat(destinations.apply(r -> r.setDateCreatedAfter(between))).containsExactly(gb);
        assertThat(destinations.apply(r -> r.setDateCreatedBefore(between))).containsExactly(us);
        assertThat(destinations.apply(r -> r.setChannelDataTo(us))).containsExactly(us);
        assertThat(destinations.apply(r -> r.setCountry("GB"))).containsExactly(gb);
        assertThat(destinations.apply(r -> r.setStatus(VerificationAttempt.ConversionStatus.CONVERTED))).containsExactly(gb);
        assertThat(destinations.apply(r -> r.setStatus(VerificationAttempt.ConversionStatus.UNCONVERTED))).containsExactly(us);

        // The page's meta, as the SDKs read it, with the filters carried into every page URL.
        var page = server.get("/v2/Attempts?VerifyServiceSid=" + service.getSid() + "&Country=GB&PageSize=1&Page=0");
        assertThat(page.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) TestServer.json(page.body()).get("meta");
        String base = server.base() + "/v2/Attempts?PageSize=1&Page=0&Country=GB&VerifyServiceSid=" + service.getSid();
        assertThat(meta).containsOnlyKeys("page", "page_size", "first_page_url", "previous_page_url", "next_page_url",
                        "key", "url")
                .containsEntry("page", 0).containsEntry("page_size", 1).containsEntry("first_page_url", base)
                .containsEntry("previous_page_url", null).containsEntry("next_page_url", null)
                .containsEntry("key", "attempts").containsEntry("url", base);
        assertThat(TestServer.json(page.body())).containsOnlyKeys("attempts", "meta");
    }

    @Test
    void apiKeysAuthenticateAndWrongCredentialsAre20003() {
        NewKey key = NewKey.creator().setFriendlyName("backend").create(twilio);
        assertThat(key.getSid()).matches("SK[0-9a-f]{32}");
        assertThat(key.getSecret()).isNotBlank();

        TwilioRestClient withKey = server.twilio(key.getSid(), key.getSecret());
        Service service = Service.creator("Keyed").create(withKey);
        assertThat(Service.fetcher(service.getSid()).fetch(withKey).getFriendlyName()).isEqualTo("Keyed");

        assertApiError(() -> Service.reader().read(server.twilio(key.getSid(), key.getSecret() + "x")).iterator().next(),
                401, 20003);
        assertApiError(() -> Service.fetcher(service.getSid()).fetch(server.twilio(TestServer.ACCOUNT_SID, "wrong")),
                401, 20003);
        assertApiError(() -> Service.fetcher(service.getSid())
                .fetch(server.twilio("AC00000000000000000000000000000002", TestServer.AUTH_TOKEN)), 401, 20003);
    }

    @Test
    void invalidParametersAre60200() {
        Service service = newService(c -> { });
        assertApiError(() -> Verification.creator(service.getSid(), "5551234567", "sms").create(twilio), 400, 60200);
        assertApiError(() -> Verification.creator(service.getSid(), "+1 555 CALL NOW", "sms").create(twilio), 400, 60200);
        assertApiError(() -> Verification.creator(service.getSid(), freshNumber(), "pigeon").create(twilio), 400, 60200);
        assertApiError(() -> Verification.creator(service.getSid(), "ada@example.com", "sms").create(twilio), 400, 60200);
        assertApiError(() -> Verification.creator(service.getSid(), freshNumber(), "email").create(twilio), 400, 60200);
        String to = freshNumber();
        Verification.creator(service.getSid(), to, "sms").create(twilio);
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode("123").create(twilio), 400, 60200);
        assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode("12345678901").create(twilio),
                400, 60200);
        assertApiError(() -> Service.creator("A name much longer than thirty chars").create(twilio), 400, 60200);
        assertApiError(() -> Service.creator("Acme").setCodeLength(11).create(twilio), 400, 60200);
        assertApiError(() -> Service.creator("Acme").setCodeLength(3).create(twilio), 400, 60200);
    }

    @Test
    void unknownOrForeignSidsAre20404() {
        Service mine = newService(c -> { });
        Service other = newService(c -> { });
        String to = freshNumber();
        Verification v = Verification.creator(other.getSid(), to, "sms").create(twilio);
        assertApiError(() -> Verification.fetcher(mine.getSid(), v.getSid()).fetch(twilio), 404, 20404);
        assertApiError(() -> VerificationCheck.creator(mine.getSid()).setVerificationSid(v.getSid())
                .setCode(server.lastCode(to)).create(twilio), 404, 20404);
        assertApiError(() -> Verification.fetcher(mine.getSid(), "VE00000000000000000000000000000000").fetch(twilio),
                404, 20404);
        assertApiError(() -> Verification.creator("VA00000000000000000000000000000000", to, "sms").create(twilio), 404, 20404);
        assertApiError(() -> VerificationAttempt.fetcher("VL00000000000000000000000000000000").fetch(twilio), 404, 20404);
    }

    @Test
    void aDestinationOverItsDailySendCapIs20429WithRetryAfter() {
        Service first = newService(c -> { });
        Service second = newService(c -> { });
        String to = freshNumber();
        for (int i = 0; i < 5; i++) {
            Verification.creator(first.getSid(), to, "sms").create(twilio);
            Verification.creator(second.getSid(), to, "sms").create(twilio);
        }
        Service third = newService(c -> { });
        var response = server.form("/v2/Services/" + third.getSid() + "/Verifications", Map.of("To", to, "Channel", "sms"));
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(TestServer.json(response.body())).containsEntry("code", 20429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofHours(24));
        Verification.creator(third.getSid(), to, "sms").create(twilio);
    }

    @Test
    void requestsQueuedTooLongBehindAnotherOnTheSameNumberAre60212() throws Exception {
        Service service = newService(c -> { });
        String to = freshNumber();
        Verification.creator(service.getSid(), to, "sms").create(twilio);
        // Hold the destination's lock from another connection, as a stuck request on another node would.
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> tx.executeWithoutResult(s -> {
            new JdbcTemplate(dataSource).queryForList("select subject from limit_subject where subject = ? for update",
                    "dest:" + to);
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        held.await();
        try {
            assertApiError(() -> VerificationCheck.creator(service.getSid()).setTo(to).setCode("000000").create(twilio),
                    429, 60212);
        } finally {
            release.countDown();
            holder.join();
        }
        // Nothing was counted while refused.
        assertThat(outcome(Verification.creator(service.getSid(), to, "sms").create(twilio).getSid()))
                .containsEntry("check_attempts", 0);
    }

    /** {@code GET /api/verifications/{sid}}: any verification's state and why. */
    private Map<String, Object> outcome(String sid) {
        var response = server.get("/api/verifications/" + sid);
        assertThat(response.statusCode()).isEqualTo(200);
        return TestServer.json(response.body());
    }

    static String otherThan(String code) {
        char first = code.charAt(0) == '9' ? '0' : (char) (code.charAt(0) + 1);
        return first + code.substring(1);
    }

    static void assertApiError(ThrowingCallable call, int status, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatusCode()).as("HTTP status").isEqualTo(status);
            assertThat(e.getCode()).as("Twilio error code").isEqualTo(code);
            assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        });
    }
}
