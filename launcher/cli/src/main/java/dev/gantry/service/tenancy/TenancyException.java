package dev.gantry.service.tenancy;

/** The tenancy file is wrong or unreadable: one line naming the file and, where there is one, the line. */
public class TenancyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TenancyException(String message) {
        super(message);
    }
}
