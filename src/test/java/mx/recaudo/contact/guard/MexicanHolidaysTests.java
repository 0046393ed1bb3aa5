package mx.recaudo.contact.guard;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MexicanHolidaysTests {
    @Test
    void theOfficialRestDaysOf2025() {
        assertThat(MexicanHolidays.of(2025)).containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 3),
                LocalDate.of(2025, 3, 17), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 9, 16),
                LocalDate.of(2025, 11, 17), LocalDate.of(2025, 12, 25));
    }

    @Test
    void octoberFirstOnlyInTransmissionOfPowerYears() {
        assertThat(MexicanHolidays.isHoliday(LocalDate.of(2024, 10, 1))).isTrue();
        assertThat(MexicanHolidays.isHoliday(LocalDate.of(2030, 10, 1))).isTrue();
        assertThat(MexicanHolidays.isHoliday(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(MexicanHolidays.of(2024)).contains(LocalDate.of(2024, 2, 5), LocalDate.of(2024, 3, 18),
                LocalDate.of(2024, 11, 18));
    }
}
