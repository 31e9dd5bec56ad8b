package io.switchboard.platform.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON. A provider SDK brings Jackson 2's XML module onto the class path, and with it an XML message
 * converter that Spring would offer for {@code text/xml} and {@code application/xml} bodies: it cannot build the
 * API's Jackson 3 types and failed with a 500. Without it such bodies get the 415 every other unsupported type
 * gets. (TwiML acknowledgements are written as plain text by the ingress, not through this converter.)
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConverters implements WebMvcConfigurer {

    @Override
    @SuppressWarnings("deprecation")
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter.getSupportedMediaTypes().stream()
                .anyMatch(type -> type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml")));
    }
}
