package io.switchboard.platform.notify;

import com.github.mustachejava.MustacheException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks templates when they are saved, so an invalid one is refused then and never discovered at send time. */
public final class TemplateValidation {

    private static final int MAX_LENGTH = 100_000;

    private TemplateValidation() {}

    /** The key whose template must always be able to send the opt-out confirmation by SMS. */
    static final String OPT_OUT_CONFIRMATION = "sms.opt_out.confirmation";

    /**
     * The problems of the template saved under the key: those of {@link #validate(MessageTemplate)}, and the
     * opt-out confirmation must keep an SMS text (without one the required confirmation would silently stop).
     */
    public static Map<String, String> validate(String key, MessageTemplate template) {
        Map<String, String> errors = validate(template);
        if (OPT_OUT_CONFIRMATION.equals(key) && !template.hasSms()) {
            errors.putIfAbsent("sms", "is required: the opt-out confirmation is sent by SMS");
        }
        return errors;
    }

    /** The problems of each part (field name to message with the line); empty when the template is valid. */
    public static Map<String, String> validate(MessageTemplate template) {
        Map<String, String> errors = new LinkedHashMap<>();
        check("sms", template.sms(), errors);
        check("email.subject", template.emailSubject(), errors);
        check("email.html", template.emailHtml(), errors);
        check("email.text", template.emailText(), errors);
        if (!template.hasSms() && !template.hasEmail()) {
            errors.put("template", "needs an sms text, or an email subject with an html or text body");
        }
        if (!template.emailSubject().isBlank() && template.emailHtml().isBlank() && template.emailText().isBlank()) {
            errors.put("email", "needs an html or text body");
        }
        if (!template.locale().matches("[a-z]{2}(-[A-Z]{2})?")) {
            errors.put("locale", "must be a language tag such as fr or en-GB");
        }
        return errors;
    }

    private static void check(String field, String text, Map<String, String> errors) {
        if (text.length() > MAX_LENGTH) {
            errors.put(field, "is longer than " + MAX_LENGTH + " characters");
            return;
        }
        try {
            TemplateRenderer.compile(text, field);
        } catch (MustacheException e) {
            errors.put(field, describe(e));
        }
    }

    /** mustache.java reports "problem @[name:line]"; keep the problem and the line. */
    private static String describe(MustacheException e) {
        String message = e.getMessage() == null ? "invalid template" : e.getMessage();
        java.util.regex.Matcher where = java.util.regex.Pattern.compile("@\\[[^:\\]]*:(\\d+)]").matcher(message);
        String problem = message.replaceAll("\\s*@\\[[^]]*]", "").trim();
        return where.find() ? "line " + where.group(1) + ": " + problem : problem;
    }
}
