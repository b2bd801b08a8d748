package dev.gantry.mesos;

import org.apache.mesos.v1.scheduler.Protos.Call;

/** A scheduler call the master did not accept: carries the HTTP status and the master's answer. */
public class MesosCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Call.Type callType;
    private final int status;
    private final String body;

    public MesosCallException(Call.Type callType, int status, String body) {
        super(callType + " answered HTTP " + status + (body.isBlank() ? "" : ": " + body.strip()));
        this.callType = callType;
        this.status = status;
        this.body = body;
    }

    public Call.Type callType() {
        return callType;
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
