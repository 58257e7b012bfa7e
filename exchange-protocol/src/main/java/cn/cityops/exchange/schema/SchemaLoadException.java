package cn.cityops.exchange.schema;

/**
 * A schema or the type registry could not be loaded: invalid JSON, a keyword outside the supported subset, a
 * keyword with a wrong value, an unresolvable {@code $ref}. The message starts with the schema location.
 */
public class SchemaLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message location and problem */
    public SchemaLoadException(String message) {
        super(message);
    }

    /**
     * @param message location and problem
     * @param cause   the underlying failure
     */
    public SchemaLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
