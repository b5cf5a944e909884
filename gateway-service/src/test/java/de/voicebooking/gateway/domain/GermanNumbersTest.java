package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class GermanNumbersTest {

    @Test
    void cardinalsUpToFiftyNineInTheirSpellings() {
        assertThat(GermanNumbers.cardinal("eins")).isEqualTo(1);
        assertThat(GermanNumbers.cardinal("eine")).isEqualTo(1);
        assertThat(GermanNumbers.cardinal("zwölf")).isEqualTo(12);
        assertThat(GermanNumbers.cardinal("siebzehn")).isEqualTo(17);
        assertThat(GermanNumbers.cardinal("einundzwanzig")).isEqualTo(21);
        assertThat(GermanNumbers.cardinal("dreißig")).isEqualTo(30);
        assertThat(GermanNumbers.cardinal("dreissig")).isEqualTo(30);
        assertThat(GermanNumbers.cardinal("siebenundvierzig")).isEqualTo(47);
        assertThat(GermanNumbers.cardinal("neunundfünfzig")).isEqualTo(59);
        assertThat(GermanNumbers.cardinal("zwo")).isEqualTo(2);
        assertThat(GermanNumbers.cardinal("zwoundzwanzig")).isEqualTo(22);
        assertThat(GermanNumbers.cardinal("zwounddreissig")).isEqualTo(32);
        assertThat(GermanNumbers.cardinal("sechzig")).isNull();
        assertThat(GermanNumbers.cardinal("14")).as("digits are no words").isNull();
    }

    @Test
    void ordinalDaysInEveryEnding() {
        assertThat(GermanNumbers.ordinal("ersten")).isEqualTo(1);
        assertThat(GermanNumbers.ordinal("zweite")).isEqualTo(2);
        assertThat(GermanNumbers.ordinal("zwoten")).isEqualTo(2);
        assertThat(GermanNumbers.ordinal("zwoundzwanzigsten")).isEqualTo(22);
        assertThat(GermanNumbers.ordinal("dritter")).isEqualTo(3);
        assertThat(GermanNumbers.ordinal("siebten")).isEqualTo(7);
        assertThat(GermanNumbers.ordinal("siebenten")).isEqualTo(7);
        assertThat(GermanNumbers.ordinal("achten")).isEqualTo(8);
        assertThat(GermanNumbers.ordinal("sechzehnten")).isEqualTo(16);
        assertThat(GermanNumbers.ordinal("zwanzigsten")).isEqualTo(20);
        assertThat(GermanNumbers.ordinal("einunddreißigsten")).isEqualTo(31);
        assertThat(GermanNumbers.ordinal("einunddreissigsten")).isEqualTo(31);
        assertThat(GermanNumbers.ordinal("zweiunddreißigsten")).as("no such day").isNull();
        assertThat(GermanNumbers.ordinal("acht")).as("a cardinal").isNull();
        assertThat(GermanNumbers.ordinal("termin")).isNull();
    }

    @Test
    void alternationsTryTheLongestWordFirst() {
        assertThat(Pattern.compile("(" + GermanNumbers.cardinals(n -> true) + ")").matcher("fünfzehn").results()
                .map(m -> m.group(1)).toList()).containsExactly("fünfzehn");
        assertThat(Pattern.compile("\\b(" + GermanNumbers.ordinals() + ")\\b").matcher("am vierundzwanzigsten").results()
                .map(m -> m.group(1)).toList()).containsExactly("vierundzwanzigsten");
        assertThat(Pattern.compile("^(?:" + GermanNumbers.cardinals(n -> n % 5 == 0) + ")$").matcher("ein").matches()).isFalse();
    }
}
