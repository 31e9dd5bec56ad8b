package io.switchboard.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void keepsInternationalFormsAndNormalisesSpacing() {
        assertThat(PhoneNumbers.toE164("+33 6 12 34 56 78", "")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("0033612345678", "")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("(+1) 415-555-0100", "")).contains("+14155550100");
    }

    @Test
    void nationalNumbersNeedADefaultCallingCode() {
        assertThat(PhoneNumbers.toE164("06 12 34 56 78", "33")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("06 12 34 56 78", "")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotANumber() {
        assertThat(PhoneNumbers.toE164("call me", "33")).isEmpty();
        assertThat(PhoneNumbers.toE164("+12", "")).isEmpty();
        assertThat(PhoneNumbers.toE164(null, "33")).isEmpty();
    }
}
