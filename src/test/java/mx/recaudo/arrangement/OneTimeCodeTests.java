package mx.recaudo.arrangement;

import mx.recaudo.arrangement.OneTimeCode.Issued;
import mx.recaudo.arrangement.OneTimeCode.Outcome;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodeTests {
    static final Instant SENT = Instant.parse("2026-03-02T18:00:00Z");
    final UUID request = UUID.randomUUID();

    Issued issued(String code, int attempts, Instant usedAt) {
        return new Issued(request, OneTimeCode.hash(request, code), SENT.plus(OneTimeCode.VALIDITY), attempts, usedAt);
    }

    @Test
    void theRightCodeWithinTenMinutesIsAccepted() {
        assertThat(OneTimeCode.check(issued("042917", 0, null), " 042917 ", SENT.plusSeconds(599)))
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aWrongCodeCostsOneOfFiveAttemptsAndAfterFiveEvenTheRightOneIsRefused() {
        assertThat(OneTimeCode.check(issued("042917", 0, null), "042918", SENT)).isEqualTo(new Outcome.Wrong(4));
        assertThat(OneTimeCode.check(issued("042917", 4, null), "000000", SENT)).isEqualTo(new Outcome.Wrong(0));
        assertThat(OneTimeCode.check(issued("042917", 5, null), "042917", SENT)).isInstanceOf(Outcome.TooManyAttempts.class);
    }

    @Test
    void atTenMinutesTheCodeHasExpiredAndAUsedCodeNeverWorksAgain() {
        assertThat(OneTimeCode.check(issued("042917", 0, null), "042917", SENT.plus(OneTimeCode.VALIDITY)))
                .isInstanceOf(Outcome.Expired.class);
        assertThat(OneTimeCode.check(issued("042917", 0, SENT.plusSeconds(30)), "042917", SENT.plusSeconds(40)))
                .isInstanceOf(Outcome.AlreadyUsed.class);
    }

    @Test
    void onlyTheHashIsKeptAndItDependsOnTheRequest() {
        assertThat(OneTimeCode.hash(request, "042917")).doesNotContain("042917").hasSize(64)
                .isNotEqualTo(OneTimeCode.hash(UUID.randomUUID(), "042917"));
    }

    @Test
    void addressesAreMaskedInTheEvidence() {
        assertThat(OneTimeCode.mask("+525512345678")).isEqualTo("***5678");
        assertThat(OneTimeCode.mask("lucia@example.mx")).isEqualTo("l***@example.mx");
    }

    @Property(tries = 200)
    void codesAreSixDigits(@ForAll @IntRange(min = 0, max = 10) int ignored) {
        assertThat(OneTimeCode.generate()).matches("\\d{6}");
    }
}
