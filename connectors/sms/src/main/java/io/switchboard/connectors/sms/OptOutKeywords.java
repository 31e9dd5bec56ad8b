package io.switchboard.connectors.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recognises the SMS keywords that opt a number out of, or back into, the tenant's SMS.
 *
 * <p>Only the whole message counts: it is trimmed, its accents and case are dropped and its inner
 * whitespace collapsed, so {@code " stop "}, {@code Arrêter} and {@code désabonner} match while {@code STOP
 * please} does not. Punctuation around the word ({@code Stop.}, {@code STOP!}) is ignored too: people type
 * it, and missing an opt-out costs far more than honouring one.
 */
public final class OptOutKeywords {

    /** What a keyword asks for. */
    public enum Intent {
        /** Stop all SMS to the sender. */
        OPT_OUT,
        /** Resume SMS to the sender. */
        OPT_IN
    }

    /**
     * A recognised keyword.
     *
     * @param keyword the canonical keyword, upper case without accents, for example {@code ARRETER}
     * @param intent what it asks for
     */
    public record Keyword(String keyword, Intent intent) {}

    private static final Map<String, Intent> KEYWORDS = Stream.concat(
                    Stream.of("STOP", "ARRETER", "ARRET", "DESABONNER", "UNSUBSCRIBE", "STOPALL", "END", "QUIT",
                                    "CANCEL", "REVOKE", "OPTOUT")
                            .map(word -> Map.entry(word, Intent.OPT_OUT)),
                    Stream.of("START", "UNSTOP").map(word -> Map.entry(word, Intent.OPT_IN)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^\\p{P}+|\\p{P}+$");

    private OptOutKeywords() {}

    /** The keyword the whole message is, if it is one. */
    public static Optional<Keyword> recognise(String message) {
        String normalised = normalise(message);
        Intent intent = KEYWORDS.get(normalised);
        return intent == null ? Optional.empty() : Optional.of(new Keyword(normalised, intent));
    }

    /**
     * The message as keywords are compared: without accents, upper case, inner whitespace collapsed to one
     * space, surrounding whitespace and punctuation removed.
     */
    public static String normalise(String message) {
        if (message == null) {
            return "";
        }
        String withoutAccents = COMBINING_MARKS.matcher(Normalizer.normalize(message, Normalizer.Form.NFD))
                .replaceAll("");
        String collapsed = WHITESPACE.matcher(withoutAccents).replaceAll(" ").trim();
        return EDGE_PUNCTUATION.matcher(collapsed).replaceAll("").trim().toUpperCase(Locale.ROOT);
    }
}
