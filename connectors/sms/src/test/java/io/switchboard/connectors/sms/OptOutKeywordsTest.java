package io.switchboard.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connectors.sms.OptOutKeywords.Intent;
import io.switchboard.connectors.sms.OptOutKeywords.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

    @ParameterizedTest(name = "\"{0}\" opts out as {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "STOP|STOP",
        "stop|STOP",
        " stop |STOP",
        "Stop.|STOP",
        "STOP !|STOP",
        "ARRETER|ARRETER",
        "Arrêter|ARRETER",
        "ARRÊTER|ARRETER",
        "arrêt|ARRET",
        "ARRET|ARRET",
        "désabonner|DESABONNER",
        "DÉSABONNER|DESABONNER",
        "Desabonner|DESABONNER",
        "unsubscribe|UNSUBSCRIBE",
        "StopAll|STOPALL",
        "end|END",
        "Quit|QUIT",
        "cancel|CANCEL",
        "REVOKE|REVOKE",
        "optout|OPTOUT"
    })
    void recognisesOptOutKeywords(String message, String keyword) {
        assertThat(OptOutKeywords.recognise(message)).contains(new Keyword(keyword, Intent.OPT_OUT));
    }

    @ParameterizedTest(name = "whitespace around \"{0}\" is ignored")
    @ValueSource(strings = {"\tStOp\n", "\u00a0STOP\u00a0", "\r\n stop \r\n"})
    void ignoresAnyWhitespaceAroundTheKeyword(String message) {
        assertThat(OptOutKeywords.recognise(message)).contains(new Keyword("STOP", Intent.OPT_OUT));
    }

    @Test
    void recognisesDecomposedAccentsAsWellAsComposedOnes() {
        // "Arrêter" typed with a combining circumflex (U+0302) rather than the precomposed ê.
        assertThat(OptOutKeywords.recognise("Arre\u0302ter")).contains(new Keyword("ARRETER", Intent.OPT_OUT));
    }

    @ParameterizedTest(name = "\"{0}\" opts in as {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "START|START",
        " start |START",
        "Unstop|UNSTOP"
    })
    void recognisesOptInKeywords(String message, String keyword) {
        assertThat(OptOutKeywords.recognise(message)).contains(new Keyword(keyword, Intent.OPT_IN));
    }

    @ParameterizedTest(name = "\"{0}\" is no keyword")
    @ValueSource(strings = {
        "stop it",
        "STOP please",
        "please stop",
        "S T O P",
        "STOPP",
        "stopall now",
        "opt out",
        "YES",
        "HELP",
        "Bonjour, je veux plus d'infos",
        "",
        "   ",
        "start again",
        "!"
    })
    void ignoresAnythingButAWholeKeyword(String message) {
        assertThat(OptOutKeywords.recognise(message)).isEmpty();
    }

    @Test
    void aNullMessageIsNoKeyword() {
        assertThat(OptOutKeywords.recognise(null)).isEmpty();
    }

    @Test
    void normalisesAccentsCaseAndWhitespace() {
        assertThat(OptOutKeywords.normalise("  Je   veux\t\tarrêter  ")).isEqualTo("JE VEUX ARRETER");
    }
}
