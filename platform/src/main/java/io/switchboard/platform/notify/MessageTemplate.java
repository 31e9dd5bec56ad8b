package io.switchboard.platform.notify;

/**
 * One notification's text per channel. A channel whose parts are empty is not used for that key.
 *
 * @param locale the language, for example {@code fr}
 * @param sms the SMS body, or empty
 * @param emailSubject the email subject, or empty
 * @param emailHtml the email HTML body, or empty
 * @param emailText the email plain-text body, or empty
 */
public record MessageTemplate(String locale, String sms, String emailSubject, String emailHtml, String emailText) {

    public MessageTemplate {
        locale = locale == null || locale.isBlank() ? "fr" : locale;
        sms = sms == null ? "" : sms;
        emailSubject = emailSubject == null ? "" : emailSubject;
        emailHtml = emailHtml == null ? "" : emailHtml;
        emailText = emailText == null ? "" : emailText;
    }

    /** Whether the template sends an SMS. */
    public boolean hasSms() {
        return !sms.isBlank();
    }

    /** Whether the template sends an email. */
    public boolean hasEmail() {
        return !emailSubject.isBlank() && (!emailHtml.isBlank() || !emailText.isBlank());
    }
}
