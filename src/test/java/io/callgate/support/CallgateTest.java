package io.callgate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A whole callgate on a random port over real HTTP, with an in-memory H2 database of its own,
 * the dev inbox, fixed credentials (room-token secrets included) and a {@link MutableClock}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=2000;DB_CLOSE_DELAY=-1",
        "callgate.account-sid=" + TestServer.ACCOUNT_SID,
        "callgate.auth-token=" + TestServer.AUTH_TOKEN,
        "callgate.secret-key=" + TestServer.SECRET_KEY,
        "callgate.dev.inbox.enabled=true",
        "callgate.voice.carriers.test.auth-token=" + TestCarrier.TOKEN,
        "callgate.limits.lock-wait=1s",
        // Most tests send many codes to one number range; PumpingGuardTest turns the guard on.
        "callgate.limits.pumping.enabled=false",
        "callgate.verify.expiry-sweep-interval=PT1H",
        "callgate.limits.sweep-interval=PT1H",
        // The gate's answers wait out this floor; shorter than the default so the gate's many requests stay quick.
        "callgate.video.answer-floor=150ms",
        "callgate.video.livekit.api-key=" + TestServer.LIVEKIT_API_KEY,
        "callgate.video.livekit.api-secret=" + TestServer.LIVEKIT_API_SECRET,
        "callgate.video.jitsi.app-id=" + TestServer.JITSI_APP_ID,
        "callgate.video.jitsi.app-secret=" + TestServer.JITSI_APP_SECRET,
        "callgate.video.twilio.account-sid=" + TestServer.TWILIO_VIDEO_ACCOUNT_SID,
        "callgate.video.twilio.api-key-sid=" + TestServer.TWILIO_VIDEO_KEY_SID,
        "callgate.video.twilio.api-key-secret=" + TestServer.TWILIO_VIDEO_KEY_SECRET})
@Import(TestServer.ClockConfig.class)
public @interface CallgateTest {
}
