package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.CallStep;
import io.callgate.dev.Transcript;
import java.util.List;

/** What every IVR walk asks of refused logins: nothing tells the caller why. */
final class IvrRefusals {

    private IvrRefusals() {
    }

    /** Both calls ended cleanly in a hang-up without {@code greeting}, after the same words and the same pauses. */
    static void assertRefusedAlike(Transcript first, Transcript second, String greeting) {
        for (Transcript call : List.of(first, second)) {
            assertThat(call.findings()).as(call.toString()).isEmpty();
            assertThat(call.ending()).as(call.toString()).isEqualTo(Transcript.Ending.HANGUP);
            assertThat(call.said()).doesNotContain(greeting);
        }
        assertThat(first.said()).isEqualTo(second.said());
        assertThat(first.of(CallStep.Pause.class)).isEqualTo(second.of(CallStep.Pause.class));
    }
}
