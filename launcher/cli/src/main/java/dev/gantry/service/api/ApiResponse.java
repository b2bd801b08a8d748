package dev.gantry.service.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, a content type, the body's bytes, and headers besides. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, JSON, ApiJson.write(body), Map.of());
    }

    static ApiResponse ok(Object body) {
        return json(200, body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }
}
