package io.switchboard.platform.notify;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Renders Mustache templates. HTML parts escape variables; SMS and plain-text parts do not (an apostrophe in a
 * name must not become {@code &#39;} in a text message).
 *
 * <p>Templates are written by tenants, so they are self-contained: partials ({@code {{> name}}}) and template
 * inheritance ({@code {{< name}}}) are refused. mustache.java would otherwise load them from the class path and
 * from any file under the working directory, which holds the embedded database and the master key.
 */
public final class TemplateRenderer {

    private static final DefaultMustacheFactory HTML = new SelfContained();
    private static final DefaultMustacheFactory TEXT = new SelfContained() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private TemplateRenderer() {}

    /** Renders a text template (SMS, subject, plain text). */
    public static String text(String template, Map<String, Object> scope) {
        return render(TEXT, template, scope);
    }

    /** Renders an HTML template, escaping variables. */
    public static String html(String template, Map<String, Object> scope) {
        return render(HTML, template, scope);
    }

    /**
     * Compiles a template to check it.
     *
     * @throws MustacheException with the line and problem when it is invalid
     */
    static void compile(String template, String name) {
        TEXT.compile(new StringReader(template), name);
    }

    private static String render(DefaultMustacheFactory factory, String template, Map<String, Object> scope) {
        if (template == null || template.isEmpty()) {
            return "";
        }
        Mustache mustache = factory.compile(new StringReader(template), "template");
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    /** A factory whose templates can include nothing: no resolver reaches files or resources. */
    private static class SelfContained extends DefaultMustacheFactory {

        SelfContained() {
            super(name -> {
                throw new MustacheException("templates cannot include other templates (" + name + ")");
            });
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void partial(TemplateContext tc, String variable, String indent) {
                    throw refused(tc, "{{> " + variable + "}}");
                }

                @Override
                public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                    throw refused(tc, "{{>* " + variable + "}}");
                }

                @Override
                public void extend(TemplateContext tc, String variable, Mustache mustache) {
                    throw refused(tc, "{{< " + variable + "}}");
                }
            };
        }

        private static MustacheException refused(TemplateContext tc, String tag) {
            return new MustacheException("partials and template inheritance are not supported: " + tag, tc);
        }
    }
}
