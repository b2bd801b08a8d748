package dev.gantry.localcluster;

/** The master's answer to a non-streaming call: an HTTP status and a text body (empty on success). */
record CallResult(int status, String body) {
    static final CallResult ACCEPTED = new CallResult(202, "");
    static final CallResult OK = new CallResult(200, "");

    static CallResult badRequest(String message) {
        return new CallResult(400, message);
    }

    static CallResult forbidden(String message) {
        return new CallResult(403, message);
    }
}
