package dev.gantry.service.api;

import com.sun.net.httpserver.HttpExchange;
import dev.gantry.service.tenancy.User;
import java.util.List;

/**
 * A request a route handles: its exchange (for headers and body), the authenticated caller, the
 * path's variable parts in order, its query, and the base URL to write links with.
 */
record ApiRequest(HttpExchange exchange, User caller, List<String> pathParts, QueryParams query, String baseUrl) {
    String part(int index) {
        return pathParts.get(index);
    }

    /** A job id from the path; one that is no id is answered 400 naming it. */
    long jobId(int index) {
        String text = part(index);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw ApiException.badRequest("id", "'" + text + "' is not a job id (a whole number from 1)");
    }
}
