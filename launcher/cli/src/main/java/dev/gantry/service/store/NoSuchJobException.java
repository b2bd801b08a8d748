package dev.gantry.service.store;

/** The store has no job of this id. */
public class NoSuchJobException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long id;

    public NoSuchJobException(long id) {
        super("no job " + id);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
