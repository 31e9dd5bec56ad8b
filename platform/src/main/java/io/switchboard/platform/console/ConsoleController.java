package io.switchboard.platform.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the tenant console's single page for its deep links. The console's files come from the
 * tenant-console jar ({@code META-INF/resources/console/}); a path without a file extension is one of the
 * console's own routes ({@code /console/events/12}), so the browser gets the page and the console draws it.
 */
@Controller
class ConsoleController {

    @GetMapping({"/console", "/console/", "/console/{a:[^.]*}", "/console/{a}/{b:[^.]*}", "/console/{a}/{b}/{c:[^.]*}",
            "/console/{a}/{b}/{c}/{d:[^.]*}"})
    String page() {
        return "forward:/console/index.html";
    }
}
