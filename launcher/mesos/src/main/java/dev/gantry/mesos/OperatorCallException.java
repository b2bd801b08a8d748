package dev.gantry.mesos;

/** A request to a master's operator endpoint that the master answered with an error status. */
public class OperatorCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String request;
    private final int status;
    private final String body;

    public OperatorCallException(String request, int status, String body) {
        super(request + " answered HTTP " + status + (body.isBlank() ? "" : ": " + body.strip()));
        this.request = request;
        this.status = status;
        this.body = body;
    }

    /** What was asked, e.g. {@code POST /master/teardown}. */
    public String request() {
        return request;
    }

    /** The HTTP status code of the master's answer. */
    public int status() {
        return status;
    }

    /** The master's answer as text; Mesos explains a refusal in plain text. */
    public String body() {
        return body;
    }
}
