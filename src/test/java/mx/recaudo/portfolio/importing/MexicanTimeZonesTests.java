package mx.recaudo.portfolio.importing;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class MexicanTimeZonesTests {
    @Test
    void statesMapToTheZoneOfMostOfTheirPeople() {
        assertThat(MexicanTimeZones.forState("Jalisco")).contains("America/Mexico_City");
        assertThat(MexicanTimeZones.forState("CDMX")).contains("America/Mexico_City");
        assertThat(MexicanTimeZones.forState("Baja California")).contains("America/Tijuana");
        assertThat(MexicanTimeZones.forState("Sonora")).contains("America/Hermosillo");
        assertThat(MexicanTimeZones.forState("Q. Roo")).contains("America/Cancun");
        assertThat(MexicanTimeZones.forState("Sinaloa")).contains("America/Mazatlan");
    }

    @Test
    void anUnknownStateHasNoZoneRatherThanAGuess() {
        assertThat(MexicanTimeZones.forState("Texas")).isEmpty();
        assertThat(MexicanTimeZones.forState("")).isEmpty();
        assertThat(MexicanTimeZones.forState(null)).isEmpty();
    }

    @Test
    void everyStateZoneIsAValidIanaZone() {
        for (String state : new String[]{"Aguascalientes", "Baja California", "Baja California Sur", "Chihuahua",
                "Nayarit", "Quintana Roo", "Sonora", "Yucatán"}) {
            assertThat(MexicanTimeZones.forState(state)).hasValueSatisfying(z -> ZoneId.of(z));
        }
    }
}
