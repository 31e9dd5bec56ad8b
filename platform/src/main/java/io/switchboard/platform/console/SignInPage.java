package io.switchboard.platform.console;

import io.switchboard.platform.auth.SignInParameters;
import io.switchboard.platform.tenancy.DefaultTenantSettings;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The console users' sign-in form, rendered by the server so that it works without the console's script:
 * tenant, email and password, posted to Spring Security's form login. The authorization server sends the
 * console here and continues the console's sign-in once the form succeeds.
 */
@Controller
class SignInPage {

    private final DefaultTenantSettings defaultTenant;

    SignInPage(DefaultTenantSettings defaultTenant) {
        this.defaultTenant = defaultTenant;
    }

    @GetMapping(value = SignInParameters.LOGIN_PATH, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout) {
        String notice = "";
        if (error != null) {
            notice = "<p class=\"notice error\" role=\"alert\" id=\"sign-in-error\">Wrong tenant, email or password, "
                    + "or the account is disabled.</p>";
        } else if (logout != null) {
            notice = "<p class=\"notice\" role=\"status\">You are signed out.</p>";
        }
        String tenant = HtmlUtils.htmlEscape(defaultTenant.slug().orElse(""));
        return PAGE.replace("{notice}", notice)
                .replace("{tenantField}", SignInParameters.TENANT)
                .replace("{emailField}", SignInParameters.EMAIL)
                .replace("{tenant}", tenant)
                .replace("{tenantFocus}", tenant.isEmpty() ? "autofocus" : "")
                .replace("{emailFocus}", tenant.isEmpty() ? "" : "autofocus")
                .replace("{csrfName}", HtmlUtils.htmlEscape(csrf.getParameterName()))
                .replace("{csrfToken}", HtmlUtils.htmlEscape(csrf.getToken()))
                .replace("{action}", SignInParameters.LOGIN_PATH);
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Switchboard</title>
            <link rel="icon" href="data:,">
            <style>
              :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
              * { box-sizing: border-box; }
              body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f5f7; color: #1d2433; }
              main { width: min(100% - 2rem, 24rem); background: #fff; border: 1px solid #d9dde5; border-radius: 12px;
                     padding: 2rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
              h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
              .lead { margin: 0 0 1.5rem; color: #555f73; }
              label { display: block; font-weight: 600; margin: 1rem 0 .35rem; }
              .hint { font-weight: 400; color: #555f73; font-size: .85rem; }
              input { box-sizing: border-box; width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #8a93a6;
                      border-radius: 8px; }
              input:focus-visible, button:focus-visible { outline: 3px solid #2f6fed; outline-offset: 2px; }
              button { margin-top: 1.5rem; width: 100%; font: inherit; font-weight: 600; padding: .7rem; border: 0;
                       border-radius: 8px; background: #2450b8; color: #fff; cursor: pointer; }
              button:hover { background: #1c3f94; }
              .notice { padding: .6rem .8rem; border-radius: 8px; background: #e8f0fe; margin: 0 0 1rem; }
              .notice.error { background: #fdecea; color: #8a1c12; }
            </style>
            </head>
            <body>
            <main>
              <h1>Switchboard</h1>
              <p class="lead">Sign in to your business's console.</p>
              {notice}
              <form method="post" action="{action}">
                <label for="tenant">Business <span class="hint">(its short name, such as jlf-events)</span></label>
                <input id="tenant" name="{tenantField}" value="{tenant}" required autocomplete="organization"
                       autocapitalize="none" spellcheck="false" {tenantFocus}>
                <label for="email">Email</label>
                <input id="email" name="{emailField}" type="email" required autocomplete="username" {emailFocus}>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" required autocomplete="current-password">
                <input type="hidden" name="{csrfName}" value="{csrfToken}">
                <button type="submit">Sign in</button>
              </form>
            </main>
            </body>
            </html>
            """;
}
